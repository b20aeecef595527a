import { addHook } from 'pirates';
import { createInstrumentFilter } from '../instrument-filter.js';
import { needsTranspile } from '../../analysis/source-language.js';
import { resolveTypeScriptFromRequire } from './cjs-resolve.js';
import type { RunConfig } from './run-config.js';
import { syncTransform } from './sync-transform.js';

/** CommonJS files reach the runtime through `require`, which the ESM hooks do not see. */
export function installRequireHook(config: RunConfig, warn: (message: string, file: string) => void): void {
  const wanted = createInstrumentFilter(config);
  resolveTypeScriptFromRequire();
  addHook(
    (code, file) => {
      const result = syncTransform()({ target: 'commonjs', file, text: code, instrument: wanted(file) });
      if (result.skipped !== undefined) warn(result.skipped, file);
      return result.code;
    },
    { exts: ['.js', '.cjs', '.ts', '.cts', '.tsx', '.jsx'], matcher: (file) => wanted(file) || needsTranspile(file), ignoreNodeModules: false },
  );
}
