import { fileURLToPath } from 'node:url';

/**
 * The preload that instruments every Node process of a run: instrument/hooks/register.ts, bundled
 * as CommonJS (server/scripts/bundle-preload.mjs) so that Node loads it with `--require`. An
 * `--import` would do as well for ES modules, but Node then loads every entry, CommonJS too, through
 * its ES module loader: a missing entry fails with ERR_MODULE_NOT_FOUND, uncaught errors end their
 * stacks in that loader's frames, and the entry's `module` is not plain Node's.
 */
const PRELOAD = fileURLToPath(new URL('../instrument/hooks/preload.cjs', import.meta.url));

/**
 * NODE_OPTIONS for the processes of a run: the user's own options are kept; the preload comes
 * first, so that the runtime is there before any code of theirs loads (Node runs `--require`
 * preloads in order, and all of them before every `--import`); its hooks go in after the user's
 * own `--require` preloads (instrument/hooks/after-program-preloads.ts). Nothing else is added:
 * `--enable-source-maps`, say, would change the format of every stack trace the program prints
 * (instrument/hooks/module-source-map.ts decides per module instead).
 */
export function nodeOptionsWithCowlens(existing: string | undefined): string {
  const ours = `--require=${JSON.stringify(PRELOAD)}`;
  return existing === undefined || existing.trim() === '' ? ours : `${ours} ${existing}`;
}

/** Whether NODE_OPTIONS loads cowlens's preload. */
export function loadsCowlens(nodeOptions: string | undefined): boolean {
  return nodeOptions !== undefined && nodeOptions.includes(`--require=${JSON.stringify(PRELOAD)}`);
}
