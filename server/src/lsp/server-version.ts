import { readFileSync } from 'node:fs';

/** The version written into reports: the server package's, as the CLI gives it. */
export function serverVersion(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}
