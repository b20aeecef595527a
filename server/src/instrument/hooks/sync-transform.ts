import { createSyncFn } from 'synckit';
import type { EncodedSourceMap } from '../source-edits.js';
import type { TransformResult } from '../transform-module.js';
import { TRANSFORM_WORKER_ENV } from './run-config.js';

/** What a module hook that must answer synchronously asks of the transform worker (transform-worker.ts). */
export type TransformRequest =
  /** JavaScript for Node's `require` (transform-module.ts's `transformModule`): instrumented when `instrument`, types stripped. */
  | { readonly target: 'commonjs'; readonly file: string; readonly text: string; readonly instrument: boolean }
  /** Instrumented, still in its own language, for a runner that transforms it further (jest). */
  | { readonly target: 'source'; readonly file: string; readonly text: string };

export type SourceResult = { readonly code: string; readonly map: EncodedSourceMap } | { readonly skipped: string };

export interface SyncTransform {
  (request: TransformRequest & { target: 'commonjs' }): TransformResult;
  (request: TransformRequest & { target: 'source' }): SourceResult;
}

let transform: SyncTransform | undefined;

/**
 * The transformer runs in a worker thread, started on the first module that needs it: a program
 * that requires none of its own files never starts it, and the compiler (about 30 MB of heap)
 * stays out of the program's heap.
 */
export function syncTransform(): SyncTransform {
  if (transform) return transform;
  // The worker inherits NODE_OPTIONS, and with them this preload: the marker, seen only by the
  // worker started here, tells the preload not to count it as a thread of the program.
  process.env[TRANSFORM_WORKER_ENV] = '1';
  try {
    transform = createSyncFn<(request: TransformRequest) => TransformResult | SourceResult>(new URL('./transform-worker.js', import.meta.url).href) as SyncTransform;
  } finally {
    Reflect.deleteProperty(process.env, TRANSFORM_WORKER_ENV);
  }
  return transform;
}
