import { type Instrumented, instrumentSource } from './instrument-source.js';
import { needsTranspile } from '../analysis/source-language.js';
import type { EncodedSourceMap } from './source-edits.js';
import { type ModuleFormat, toJavaScript } from './to-javascript.js';

export interface TransformResult {
  readonly code: string;
  /**
   * Leads from `code` back to the file as written; absent when `code` is the file's own text.
   * Whether Node is given it is the hooks' choice (hooks/module-source-map.ts).
   */
  readonly map?: EncodedSourceMap;
  /** Set when the module runs without instrumentation, with the reason. */
  readonly skipped?: string;
}

/**
 * What Node runs for one user module: the instrumented source, as JavaScript. A module the
 * instrumenter cannot handle still runs, uninstrumented (only type-stripped when it needs it),
 * and says why: a failure here must never stop the program.
 */
export function transformModule(file: string, text: string, format: ModuleFormat, instrument: boolean): TransformResult {
  if (!instrument) return plain(file, text, format, undefined);
  const attempt = tryInstrument(file, text);
  if ('skipped' in attempt) return plain(file, text, format, attempt.skipped);
  const { instrumented } = attempt;
  if (!needsTranspile(file)) return { code: instrumented.code, map: instrumented.map };
  try {
    return toJavaScript(file, instrumented.code, instrumented.map, format);
  } catch (error) {
    return plain(file, text, format, cannotInstrument(file, error));
  }
}

/**
 * The instrumented source, still in its own language, or why the module must run as it is. Shared
 * by Node's hooks and the hooks of test runners that load modules themselves (vitest's plugin).
 */
export function tryInstrument(file: string, text: string): { readonly instrumented: Instrumented } | { readonly skipped: string } {
  try {
    const instrumented = instrumentSource(file, text);
    if (instrumented.syntaxErrors > 0) return { skipped: `${file} has syntax errors; it runs as it is, uninstrumented` };
    return { instrumented };
  } catch (error) {
    return { skipped: cannotInstrument(file, error) };
  }
}

function cannotInstrument(file: string, error: unknown): string {
  return `cowlens could not instrument ${file}: ${error instanceof Error ? error.message : String(error)}`;
}

/** The module as written, only without its types when it needs that. */
function plain(file: string, text: string, format: ModuleFormat, skipped: string | undefined): TransformResult {
  const js = needsTranspile(file) ? toJavaScript(file, text, undefined, format) : { code: text };
  return skipped === undefined ? js : { ...js, skipped };
}
