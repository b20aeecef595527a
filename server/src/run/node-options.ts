import { fileURLToPath, pathToFileURL } from 'node:url';

/** The preload that instruments every Node process of a run (built next to this file). */
const REGISTER = fileURLToPath(new URL('../instrument/hooks/register.js', import.meta.url));

/**
 * NODE_OPTIONS for the processes of a run: the user's own options are kept; the preload comes
 * first so it is in place before any `--import` of theirs loads code (Node runs `--require`
 * preloads before every `--import`, wherever they stand). Nothing else is added:
 * `--enable-source-maps`, say, would change the format of every stack trace the program prints
 * (instrument/hooks/module-source-map.ts decides per module instead).
 */
export function nodeOptionsWithCowlens(existing: string | undefined): string {
  const ours = `--import=${JSON.stringify(pathToFileURL(REGISTER).href)}`;
  return existing === undefined || existing.trim() === '' ? ours : `${ours} ${existing}`;
}
