import { instrumentSource } from './instrument-source.js';
import { needsTranspile } from '../analysis/source-language.js';
import { type ModuleFormat, toJavaScript, withInlineMap } from './to-javascript.js';

export interface TransformResult {
  readonly code: string;
  /** Set when the module runs without instrumentation, with the reason. */
  readonly skipped?: string;
}

/**
 * What Node runs for one user module: the instrumented source, as JavaScript, with an inline
 * source map to the original. A module the instrumenter cannot handle still runs, uninstrumented
 * (only type-stripped when it needs it), and says why: a failure here must never stop the program.
 */
export function transformModule(file: string, text: string, format: ModuleFormat, instrument: boolean): TransformResult {
  if (!instrument) return needsTranspile(file) ? plain(file, text, format, undefined) : { code: text };
  try {
    const instrumented = instrumentSource(file, text);
    if (instrumented.syntaxErrors > 0) return plain(file, text, format, `${file} has syntax errors; it runs as it is, uninstrumented`);
    if (!needsTranspile(file)) return { code: withInlineMap(instrumented.code, instrumented.map) };
    const js = toJavaScript(file, instrumented.code, instrumented.map, format);
    return { code: withInlineMap(js.code, js.map) };
  } catch (error) {
    return plain(file, text, format, `cowlens could not instrument ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function plain(file: string, text: string, format: ModuleFormat, skipped: string | undefined): TransformResult {
  const code = needsTranspile(file) ? javascriptOf(file, text, format) : text;
  return skipped === undefined ? { code } : { code, skipped };
}

function javascriptOf(file: string, text: string, format: ModuleFormat): string {
  const js = toJavaScript(file, text, undefined, format);
  return withInlineMap(js.code, js.map);
}
