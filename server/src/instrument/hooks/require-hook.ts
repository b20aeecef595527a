import { addHook } from 'pirates';
import { createInstrumentFilter } from '../instrument-filter.js';
import { needsTranspile } from '../../analysis/source-language.js';
import { cachedModule, transformCacheOf } from './cached-transform.js';
import { resolveTypeScriptFromRequire } from './cjs-resolve.js';
import { codeForNode } from './module-source-map.js';
import type { RunConfig } from './run-config.js';
import { debuggerAttached } from './source-maps-state.js';
import { syncTransform } from './sync-transform.js';

/**
 * CommonJS files reach the runtime through `require`, which the ESM hooks do not see.
 * `instrumented` hears of each file that runs instrumented.
 */
export function installRequireHook(config: RunConfig, warn: (message: string, file: string) => void, instrumented: (file: string) => void): void {
  const wanted = createInstrumentFilter(config);
  const cache = transformCacheOf(config);
  resolveTypeScriptFromRequire();
  addHook(
    (code, file) => {
      const instrument = wanted(file);
      // Transpiled code runs with its map (module-source-map.ts), which Node reads only if source
      // maps are on when it compiles the module, right after this hook.
      if (needsTranspile(file)) process.setSourceMapsEnabled(true);
      const result = cachedModule(cache, file, code, 'commonjs', instrument, () => syncTransform()({ target: 'commonjs', file, text: code, instrument }));
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
    { exts: ['.js', '.cjs', '.ts', '.cts', '.tsx', '.jsx'], matcher: (file) => wanted(file) || needsTranspile(file), ignoreNodeModules: false },
  );
}
