import { fileURLToPath, pathToFileURL } from 'node:url';

/** The preload that instruments every Node process of a run (built next to this file). */
const REGISTER = fileURLToPath(new URL('../instrument/hooks/register.js', import.meta.url));

/**
 * NODE_OPTIONS for the processes of a run: the user's own options are kept; the preload comes
 * first so it is in place before any `--require` of theirs loads code; source maps make stack
 * traces point into the original files.
 */
export function nodeOptionsWithCowlens(existing: string | undefined): string {
  const ours = `--import=${JSON.stringify(pathToFileURL(REGISTER).href)} --enable-source-maps`;
  return existing === undefined || existing.trim() === '' ? ours : `${ours} ${existing}`;
}
