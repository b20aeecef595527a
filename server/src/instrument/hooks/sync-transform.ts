import { createSyncFn } from 'synckit';
import type { EncodedSourceMap } from '../source-edits.js';
import type { ModuleFormat } from '../to-javascript.js';
import type { TransformResult } from '../transform-module.js';
import { startOwnThread } from './own-thread-start.js';

/** What a module hook that must answer synchronously asks of the transform worker (transform-worker.ts). */
export type TransformRequest =
  /**
   * JavaScript for Node's `require` (transform-module.ts's `transformModule`), as CommonJS or as an
   * ES module that `require` loads: instrumented when `instrument`, types stripped.
   */
  | { readonly target: 'javascript'; readonly format: ModuleFormat; readonly file: string; readonly text: string; readonly instrument: boolean }
  /** Instrumented, still in its own language, for a runner that transforms it further (jest). */
  | { readonly target: 'source'; readonly file: string; readonly text: string }
  /** A module's static import specifiers (static-specifiers.ts). */
  | { readonly target: 'static-specifiers'; readonly file: string; readonly text: string }
  /** Whether a file its declaration leaves undecided is an ES module by its syntax (detect-module-syntax.ts). */
  | { readonly target: 'module-syntax'; readonly file: string; readonly text: string };

export type SourceResult = { readonly code: string; readonly map: EncodedSourceMap } | { readonly skipped: string };

export interface SyncTransform {
  (request: TransformRequest & { target: 'javascript' }): TransformResult;
  (request: TransformRequest & { target: 'source' }): SourceResult;
  (request: TransformRequest & { target: 'static-specifiers' }): string[];
  (request: TransformRequest & { target: 'module-syntax' }): boolean;
}

let transform: SyncTransform | undefined;

/**
 * The transformer runs in a worker thread, started on the first module that needs it: a program
 * that requires none of its own files never starts it, and the compiler (about 30 MB of heap)
 * stays out of the program's heap.
 */
export function syncTransform(): SyncTransform {
  transform ??= startOwnThread(() => createSyncFn<(request: TransformRequest) => TransformResult | SourceResult | string[] | boolean>(new URL('./transform-worker.js', import.meta.url).href) as SyncTransform);
  return transform;
}
