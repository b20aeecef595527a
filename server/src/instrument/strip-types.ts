/**
 * TypeScript as Node runs it. Where Node strips types itself (`node a.ts` on 22.18+, 23.6+, 24),
 * it blanks each type out with spaces and runs the rest as JavaScript, so a function's source
 * (Function.prototype.toString), every line and every column are those of the file as written,
 * types blanked. cowlens strips with Node's own stripper (`module.stripTypeScriptTypes`, 22.13+
 * and 23.2+) in the same mode, then instruments the JavaScript it gets with its marks, as it does
 * a `.js` file: the program sees the source plain Node gives.
 *
 * Left to the compiler (to-javascript.ts), as before, is what plain Node does not run without a
 * loader such as tsx, which compiles it: syntax that stripping cannot remove (enums, namespaces,
 * parameter properties), CommonJS that imports or exports (transform-module.ts), `.tsx`, all
 * TypeScript on Node 20 (no stripper); and every module under `--experimental-transform-types`,
 * where Node reprints the whole module. Free of the compiler: the hooks ask `stripsTypes` of every
 * module they load.
 */
import Module from 'node:module';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { languageOf } from '../analysis/source-language.js';
import type { ModuleFormat } from './to-javascript.js';

type StripTypeScriptTypes = (code: string, options: { readonly mode: 'strip' }) => string;

const stripper = (Module as { stripTypeScriptTypes?: StripTypeScriptTypes }).stripTypeScriptTypes;
/** `'strip'`, `'transform'` (`--experimental-transform-types`), or false (Node does not run TypeScript). */
const nodeTypeScript = (process.features as { typescript?: string | false }).typescript;

export interface Stripped {
  /** The module's JavaScript, each type replaced by as many spaces (and line breaks) as it took. */
  readonly code: string;
  /** The `//# sourceURL` Node ends a module with when it strips its types. */
  readonly sourceUrl: string;
}

/** Whether cowlens runs `file` with its types stripped in place (when they all can be), not compiled. */
export function stripsTypes(file: string): boolean {
  return stripper !== undefined && nodeTypeScript !== 'transform' && languageOf(file) === 'ts';
}

/** `file` with its types stripped, as Node strips them; undefined when cowlens compiles it instead. */
export function stripTypes(file: string, text: string, format: ModuleFormat): Stripped | undefined {
  const code = strippedText(file, text);
  return code === undefined ? undefined : { code, sourceUrl: format === 'module' || commonJsNamedByUrl() ? pathToFileURL(file).href : file };
}

/** The JavaScript of `stripTypes`, alone. */
export function strippedText(file: string, text: string): string | undefined {
  if (stripper === undefined || !stripsTypes(file)) return undefined;
  try {
    return quietly(() => stripper(text, { mode: 'strip' }));
  } catch {
    // ERR_UNSUPPORTED_TYPESCRIPT_SYNTAX (it needs transforming) or ERR_INVALID_TYPESCRIPT_SYNTAX:
    // the compiler, which takes both, has it.
    return undefined;
  }
}

/**
 * The stripper says once per thread that it is experimental. This is cowlens's thread (the module
 * hooks', or the transform worker's), not the program's: the program must not hear it.
 */
function quietly<T>(run: () => T): T {
  const emitWarning: unknown = Reflect.get(process, 'emitWarning');
  process.emitWarning = () => undefined;
  try {
    return run();
  } finally {
    Reflect.set(process, 'emitWarning', emitWarning);
  }
}

let namedByUrl: boolean | undefined;

/**
 * Whether Node names a CommonJS module whose types it strips by its file URL (24 since
 * nodejs/node#63705) rather than its path (22): asked of Node itself, by stripping a module that
 * reports its own stack, once per thread.
 */
function commonJsNamedByUrl(): boolean {
  if (namedByUrl !== undefined) return namedByUrl;
  // Outside any node_modules, where Node refuses to strip.
  const file = resolve('/cowlens-type-stripping-probe.cts');
  try {
    const probe = new Module(file) as Module & { _compile(code: string, file: string, format: string): unknown };
    quietly(() => probe._compile('exports.stack = new Error().stack;', file, 'commonjs-typescript'));
    namedByUrl = String((probe.exports as { stack?: unknown }).stack).includes(pathToFileURL(file).href);
  } catch {
    namedByUrl = false;
  }
  return namedByUrl;
}
