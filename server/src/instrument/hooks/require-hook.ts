import { addHook } from 'pirates';
import { createSyncFn } from 'synckit';
import { createInstrumentFilter } from '../instrument-filter.js';
import { needsTranspile } from '../../analysis/source-language.js';
import type { transformModule as TransformModule } from '../transform-module.js';
import { resolveTypeScriptFromRequire } from './cjs-resolve.js';
import { type RunConfig, TRANSFORM_WORKER_ENV } from './run-config.js';

type Transform = (file: string, text: string, instrument: boolean) => ReturnType<typeof TransformModule>;

let transform: Transform | undefined;

/**
 * The transformer runs in a worker thread (see transform-worker.ts), started on the first module
 * that needs it: a program that requires none of its own files never starts it.
 */
function loadTransform(): Transform {
  if (transform) return transform;
  // The worker inherits NODE_OPTIONS, and with them this preload: the marker, seen only by the
  // worker started here, tells the preload not to count it as a thread of the program.
  process.env[TRANSFORM_WORKER_ENV] = '1';
  try {
    transform = createSyncFn<Transform>(new URL('./transform-worker.js', import.meta.url).href);
  } finally {
    Reflect.deleteProperty(process.env, TRANSFORM_WORKER_ENV);
  }
  return transform;
}

/** CommonJS files reach the runtime through `require`, which the ESM hooks do not see. */
export function installRequireHook(config: RunConfig, warn: (message: string, file: string) => void): void {
  const wanted = createInstrumentFilter(config);
  resolveTypeScriptFromRequire();
  addHook(
    (code, file) => {
      const result = loadTransform()(file, code, wanted(file));
      if (result.skipped !== undefined) warn(result.skipped, file);
      return result.code;
    },
    { exts: ['.js', '.cjs', '.ts', '.cts', '.tsx', '.jsx'], matcher: (file) => wanted(file) || needsTranspile(file), ignoreNodeModules: false },
  );
}
