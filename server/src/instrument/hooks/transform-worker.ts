/**
 * The transformer for hooks that must answer synchronously (`require`, jest's transformer), in a
 * worker thread of its own: the TypeScript compiler it loads (about 30 MB of heap) must stay out
 * of the program's heap, whose size cow mode is judged by.
 */
import { runAsWorker } from 'synckit';
import { hasModuleSyntax } from '../detect-module-syntax.js';
import { staticSpecifiers } from '../static-specifiers.js';
import { type TransformResult, transformModule, tryInstrument } from '../transform-module.js';
import type { SourceResult, TransformRequest } from './sync-transform.js';

runAsWorker((request: TransformRequest) => Promise.resolve(answer(request)));

function answer(request: TransformRequest): TransformResult | SourceResult | string[] | boolean {
  switch (request.target) {
    case 'javascript':
      return transformModule(request.file, request.text, request.format, request.instrument);
    case 'source':
      return instrumentedSource(request.file, request.text);
    case 'static-specifiers':
      return staticSpecifiers(request.file, request.text);
    case 'module-syntax':
      return hasModuleSyntax(request.file, request.text);
  }
}

function instrumentedSource(file: string, text: string): SourceResult {
  const attempt = tryInstrument(file, text);
  return 'skipped' in attempt ? attempt : { code: attempt.instrumented.code, map: attempt.instrumented.map };
}
