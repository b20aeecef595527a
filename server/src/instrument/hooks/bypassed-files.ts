/**
 * A loader of the program's that compiles project files itself (esm's `-r esm`, a require hook
 * that runs code with `vm` instead of handing it to `module._compile`) runs them uninstrumented,
 * and cowlens would report a run with their copies missing as complete. What a process really
 * loaded is in Node's CommonJS cache: at exit, every project file there that cowlens's require
 * hook never saw was compiled behind its back, except the configuration files a tool compiled
 * itself (tool-config-files.ts), which are not the program's code.
 */
import Module from 'node:module';
import { languageOf } from '../../analysis/source-language.js';
import { atProcessExit } from './at-process-exit.js';
import { isToolConfigFile } from './tool-config-files.js';

interface CachedModule {
  readonly exports: unknown;
}

export interface BypassedFiles {
  /** Loaded before cowlens's hooks were in place: by a preload of the program's (`node -r ./setup.js`). */
  readonly early: readonly string[];
  /** Loaded afterwards, by a loader that never handed them to cowlens's require hook. */
  readonly bypassed: readonly string[];
}

/**
 * Tells `report`, at exit, of the project files (as `wanted` says) in the CommonJS cache that
 * `seen` does not hold. Call it just before cowlens's require hook is installed.
 */
export function reportBypassedFiles(wanted: (file: string) => boolean, seen: ReadonlySet<string>, report: (files: BypassedFiles) => void): void {
  const loadedBefore = new Set(Object.keys(commonJsCache()));
  atProcessExit(() => {
    const files = Object.entries(commonJsCache())
        .filter(([file, module]) => !seen.has(file) && languageOf(file) !== undefined && !isEsModule(module) && wanted(file) && !isToolConfigFile(file))
      .map(([file]) => file);
    if (files.length > 0) report({ early: files.filter((f) => loadedBefore.has(f)), bypassed: files.filter((f) => !loadedBefore.has(f)) });
  });
}

function commonJsCache(): Record<string, CachedModule | undefined> {
  return (Module as unknown as { _cache: Record<string, CachedModule | undefined> })._cache;
}

/** An ES module that `require` loaded (Node 22 and later) is cached too, with its namespace for exports: the module hooks saw it. */
function isEsModule(module: CachedModule | undefined): boolean {
  return Object.prototype.toString.call(module?.exports) === '[object Module]';
}
