/**
 * The transformer for hooks that must answer synchronously (`require`, jest's transformer), in a
 * worker thread of its own: the TypeScript compiler it loads (about 30 MB of heap) must stay out
 * of the program's heap, whose size cow mode is judged by.
 */
import { runAsWorker } from 'synckit';
import { transformModule, tryInstrument } from '../transform-module.js';
import { codeForNode } from './module-source-map.js';
import type { CommonJsResult, SourceResult, TransformRequest } from './sync-transform.js';

runAsWorker((request: TransformRequest) => Promise.resolve(request.target === 'commonjs' ? commonJs(request) : instrumentedSource(request.file, request.text)));

function commonJs({ file, text, instrument, readers }: TransformRequest & { target: 'commonjs' }): CommonJsResult {
  const result = transformModule(file, text, 'commonjs', instrument);
  const code = codeForNode(file, text, result, readers);
  return result.skipped === undefined ? { code } : { code, skipped: result.skipped };
}

function instrumentedSource(file: string, text: string): SourceResult {
  const attempt = tryInstrument(file, text);
  return 'skipped' in attempt ? attempt : { code: attempt.instrumented.code, map: attempt.instrumented.map };
}
