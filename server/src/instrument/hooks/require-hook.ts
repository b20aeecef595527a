import { readFileSync } from 'node:fs';
import { addHook } from 'pirates';
import { createInstrumentFilter } from '../instrument-filter.js';
import { isJestRuntimeEntry, withJestRuntimeHandOver } from '../jest/jest-runtime-hook.js';
import { needsTranspile } from '../../analysis/source-language.js';
import { cachedModule, cachedSource, transformCacheOf } from './cached-transform.js';
import { resolveTypeScriptFromRequire } from './cjs-resolve.js';
import { codeForNode, runsCompiled } from './module-source-map.js';
import type { RunConfig } from './run-config.js';
import { watchLaterTypeScriptLoader } from './later-typescript-loader.js';
import { debuggerAttached } from './source-maps-state.js';
import { syncTransform } from './sync-transform.js';

const EXTENSIONS = ['.js', '.cjs', '.ts', '.cts', '.tsx', '.jsx'];

/**
 * CommonJS files reach the runtime through `require`, which the ESM hooks do not see.
 * jest-runtime's entry module gets its hand-over to cowlens's jest hook (jest-runtime-hook.ts).
 * `instrumented` hears of each file that runs instrumented; `seen` gets every file the hook is given.
 */
export function installRequireHook(config: RunConfig, warn: (message: string, file: string) => void, instrumented: (file: string) => void, seen: Set<string>): void {
  const wanted = createInstrumentFilter(config);
  const cache = transformCacheOf(config);
  addHook(
    (given, file) => {
      if (isJestRuntimeEntry(file)) return withJestRuntimeHandOver(given);
      seen.add(file);
      const instrument = wanted(file);
      const transpiles = needsTranspile(file);
      if (transpiles) resolveTypeScriptFromRequire();
      if (transpiles && compiledAfter(file)) return instrument ? instrumentedTypeScript(given, file) : given;
      const code = transpiles ? asWritten(given, file) : given;
      const result = cachedModule(cache, file, code, 'commonjs', instrument, () => syncTransform()({ target: 'commonjs', file, text: code, instrument }));
      // Compiled code runs with its map (module-source-map.ts), which Node reads only if source
      // maps are on when it compiles the module, right after this hook.
      if (runsCompiled(file, result)) process.setSourceMapsEnabled(true);
      if (result.skipped !== undefined) warn(result.skipped, file);
      else if (instrument) instrumented(file);
      // The inspector is asked whether a debugger is attached only for a module whose map that decides.
      return codeForNode(file, code, result, {
        node: process.sourceMapsEnabled,
        get debugger() {
          return debuggerAttached();
        },
      });
    },
    { exts: EXTENSIONS, matcher: (file) => wanted(file) || needsTranspile(file) || isJestRuntimeEntry(file), ignoreNodeModules: false },
  );
  const compiledAfter = watchLaterTypeScriptLoader(EXTENSIONS);

  /**
   * For ts-node's bin, whose hook compiles and type-checks what cowlens's returns: the TypeScript
   * as written (`given`), instrumented, still TypeScript. Its stack frames' columns are those of
   * the instrumented text (README, Limits).
   */
  function instrumentedTypeScript(given: string, file: string): string {
    const result = cachedSource(cache, file, given, () => syncTransform()({ target: 'source', file, text: given }));
    if ('skipped' in result) {
      warn(result.skipped, file);
      return given;
    }
    instrumented(file);
    return result.code;
  }
}

/**
 * The TypeScript module as written. A loader that compiles TypeScript itself in a require hook
 * registered before cowlens's (tsx's, loaded by a `--require` of the program's, which runs before
 * cowlens installs its hook: after-program-preloads.ts) hands over its own JavaScript: instrumenting that would place every site in code the
 * user never wrote. cowlens strips the types itself instead, as its module hooks do for the ES
 * modules of tsx.
 */
function asWritten(given: string, file: string): string {
  try {
    const text = readFileSync(file, 'utf8');
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    return given;
  }
}
