import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Vitest global setup: the packaged-server test runs programs with the bundles in client/dist,
 * so make them (about a second) before any test runs, never testing a stale bundle.
 */
export default function bundleOnce(): void {
  execFileSync(process.execPath, [fileURLToPath(new URL('../scripts/bundle.mjs', import.meta.url))], { stdio: 'inherit' });
}
