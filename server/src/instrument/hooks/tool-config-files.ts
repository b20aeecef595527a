/**
 * The files a tool of the program loaded as its own configuration: vite's config file and the
 * files bundled into it, as vite's resolved config names them. vite compiles its bundle of a
 * CommonJS package's `vite.config.ts` or `vitest.config.ts` itself (`module._compile` under the
 * config file's name, in an extension handler it puts in place of cowlens's for that one file):
 * the config file is in Node's CommonJS cache though cowlens's require hook never saw it. It is
 * the tool's configuration, not the program's code under test, and no reason to call a run
 * incomplete (bypassed-files.ts). The vite plugin (vite-plugin.ts) notes them on vitest's main
 * thread, where the preload's exit check reads them: the preload's bundle carries a copy of this
 * module of its own, so the files are kept in one global slot that both copies share.
 */
import { realpathSync } from 'node:fs';

const SLOT = Symbol.for('cowlens.toolConfigFiles');

const files = ((): Set<string> => {
  const holder = globalThis as { [SLOT]?: Set<string> };
  if (holder[SLOT] === undefined) Object.defineProperty(holder, SLOT, { value: new Set<string>(), enumerable: false });
  return holder[SLOT]!;
})();

/** Notes files a tool loaded as its configuration, by the path Node's module cache knows them by. */
export function noteToolConfigFiles(paths: Iterable<string>): void {
  for (const path of paths) {
    files.add(path);
    try {
      files.add(realpathSync(path));
    } catch {
      // A file that is gone now is in no module cache under its real path either.
    }
  }
}

export function isToolConfigFile(file: string): boolean {
  return files.has(file);
}
