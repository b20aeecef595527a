import { createRequire } from 'node:module';
import { addHook } from 'pirates';
import { createInstrumentFilter } from '../instrument-filter.js';
import { needsTranspile } from '../needs-transpile.js';
import type { transformModule as TransformModule } from '../transform-module.js';
import { resolveTypeScriptFromRequire } from './cjs-resolve.js';
import type { RunConfig } from './run-config.js';

let transform: typeof TransformModule | undefined;

/**
 * The transformer loads the TypeScript compiler, a few hundred milliseconds: only a program that
 * requires one of its own files pays for it, and only once. `require` of an ES module is
 * synchronous (Node 20.19+), as a require hook must be.
 */
function loadTransform(): typeof TransformModule {
  transform ??= (createRequire(import.meta.url)('../transform-module.js') as { transformModule: typeof TransformModule }).transformModule;
  return transform;
}

/** CommonJS files reach the runtime through `require`, which the ESM hooks do not see. */
export function installRequireHook(config: RunConfig, warn: (message: string, file: string) => void): void {
  const wanted = createInstrumentFilter(config);
  resolveTypeScriptFromRequire();
  addHook(
    (code, file) => {
      const result = loadTransform()(file, code, 'commonjs', wanted(file));
      if (result.skipped !== undefined) warn(result.skipped, file);
      return result.code;
    },
    { exts: ['.js', '.cjs', '.ts', '.cts', '.tsx', '.jsx'], matcher: (file) => wanted(file) || needsTranspile(file), ignoreNodeModules: false },
  );
}
