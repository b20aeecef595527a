import { importsOrExports } from './detect-module-syntax.js';
import { type Instrumented, instrumentSource } from './instrument-source.js';
import { needsTranspile, type SourceLanguage } from '../analysis/source-language.js';
import { type EncodedSourceMap, SourceEdits } from './source-edits.js';
import { type Stripped, stripTypes } from './strip-types.js';
import { type ModuleFormat, toJavaScript } from './to-javascript.js';

export interface TransformResult {
  readonly code: string;
  /**
   * Leads from `code` back to the file as written; absent when `code` is the file's own text.
   * Whether Node is given it is the hooks' choice (hooks/module-source-map.ts).
   */
  readonly map?: EncodedSourceMap;
  /**
   * Set when `code` is TypeScript with its types stripped in place, as Node strips them
   * (strip-types.ts): the `//# sourceURL` Node would end it with, which goes where no map does.
   */
  readonly sourceUrl?: string;
  /** Set when the module runs without instrumentation, with the reason. */
  readonly skipped?: string;
}

/**
 * What Node runs for one user module: the instrumented source, as JavaScript. A module the
 * instrumenter cannot handle still runs, uninstrumented (only without its types when it has
 * some), and says why: a failure here must never stop the program.
 */
export function transformModule(file: string, text: string, format: ModuleFormat, instrument: boolean): TransformResult {
  const stripped = stripTypes(file, text, format);
  // CommonJS that imports or exports fails as Node strips it; the loaders that run it (tsx,
  // ts-node) compile it to `require` calls, and so does cowlens.
  if (stripped !== undefined && (format === 'module' || !importsOrExports(file, stripped.code))) return strippedModule(file, stripped, instrument);
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
 * TypeScript stripped of its types is JavaScript whose every position is the file's: it is
 * instrumented as JavaScript, with marks, and its map leads straight to the file as written. The
 * module as written has one too, for a debugger (hooks/module-source-map.ts).
 */
function strippedModule(file: string, { code, sourceUrl }: Stripped, instrument: boolean): TransformResult {
  const asWritten = { code, map: new SourceEdits(code).apply(file).map, sourceUrl };
  if (!instrument) return asWritten;
  const attempt = tryInstrument(file, code, 'js');
  if ('skipped' in attempt) return { ...asWritten, skipped: attempt.skipped };
  return { code: attempt.instrumented.code, map: attempt.instrumented.map, sourceUrl };
}

/**
 * The instrumented source, still in its own language (or in `language`, that of `text`, when it
 * was made from the file), or why the module must run as it is. Shared by Node's hooks and the
 * hooks of test runners that load modules themselves (vitest's plugin).
 */
export function tryInstrument(file: string, text: string, language?: SourceLanguage): { readonly instrumented: Instrumented } | { readonly skipped: string } {
  try {
    const instrumented = instrumentSource(file, text, language);
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
