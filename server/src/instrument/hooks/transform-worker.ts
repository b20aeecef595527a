/**
 * The transformer for hooks that must answer synchronously (`require`, jest's transformer), in a
 * worker thread of its own: the TypeScript compiler it loads (about 30 MB of heap) must stay out
 * of the program's heap, whose size cow mode is judged by.
 */
import { runAsWorker } from 'synckit';
import { transformModule, tryInstrument } from '../transform-module.js';
import type { SourceResult, TransformRequest } from './sync-transform.js';

runAsWorker((request: TransformRequest) =>
  Promise.resolve(request.target === 'commonjs' ? transformModule(request.file, request.text, 'commonjs', request.instrument) : instrumentedSource(request.file, request.text)),
);

function instrumentedSource(file: string, text: string): SourceResult {
  const attempt = tryInstrument(file, text);
  return 'skipped' in attempt ? attempt : { code: attempt.instrumented.code, map: attempt.instrumented.map };
}
