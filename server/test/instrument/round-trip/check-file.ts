/**
 * The round trip of one file: instrument, parse the output, restore the syntax each runtime call
 * replaced, and compare with the original. Runs in the oracle's workers and in unit tests.
 */
import { statSync, readFileSync } from 'node:fs';
import { ts } from 'ts-morph';
import { instrumentSource } from '../../../src/instrument/instrument-source.js';
import { parseSource, syntaxErrorsOf } from '../../../src/analysis/parse-source.js';
import { scriptKindOf } from '../../../src/analysis/script-kind.js';
import { needsTranspile } from '../../../src/analysis/source-language.js';
import { firstFunctionSourceDifference } from './function-sources.js';
import { originalPlace } from './map-back.js';
import { type RestoredText } from './restored-text.js';
import { firstDifference, kindName, type PairCheck } from './same-tree.js';
import { uninstrument, UninstrumentError } from './uninstrument.js';

/** Files this large or larger are skipped: the bound for "real code". */
export const MAX_BYTES = 1024 * 1024;

export const SKIP_TOO_LARGE = 'too large';
export const SKIP_UNPARSEABLE = 'does not parse as written';

/**
 * Why a round trip failed: an insert ran into the token before it, the output does not parse, a
 * runtime call is not one the table knows (or not as it knows it), the restored tree differs, a
 * line moved (the instrumenter promises every line stays where it was, for stack traces read
 * without source maps), or a function's source does not read back as written (function-sources.ts).
 */
export type MismatchKind = 'token glued to an insert' | 'output does not parse' | 'unknown runtime form' | 'tree differs' | 'line moved' | 'function source differs';

export interface Mismatch {
  readonly kind: MismatchKind;
  readonly file: string;
  /** 1-based, in the original. */
  readonly line: number;
  readonly column: number;
  readonly message: string;
  readonly original: string;
  readonly instrumented: string;
  readonly restored?: string;
  readonly path?: string;
}

export type FileResult =
  | { readonly status: 'skipped'; readonly file: string; readonly reason: string }
  | { readonly status: 'error'; readonly file: string; readonly message: string }
  | {
      readonly status: 'checked';
      readonly file: string;
      readonly sites: number;
      readonly writes: number;
      readonly changed: boolean;
      /** Time to instrument the file, and to check the output. */
      readonly ms: { readonly instrument: number; readonly check: number };
      readonly mismatch?: Mismatch;
    };

export interface CheckOptions {
  /** Also require every name and literal the output keeps to stay on its line (default true). */
  readonly lines?: boolean;
}

export function checkFile(file: string, options: CheckOptions = {}): FileResult {
  if (statSync(file).size >= MAX_BYTES) return { status: 'skipped', file, reason: SKIP_TOO_LARGE };
  const text = readFileSync(file, 'utf8');
  const original = parseAs(file, text);
  if (syntaxErrorsOf(original).length > 0) return { status: 'skipped', file, reason: SKIP_UNPARSEABLE };
  let instrumented: ReturnType<typeof instrumentSource>;
  const started = performance.now();
  try {
    instrumented = instrumentSource(file, text);
  } catch (error) {
    return { status: 'error', file, message: `instrumentSource threw: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}` };
  }
  const { code, map, sites, writes } = instrumented;
  const changed = code !== text;
  const instrumentedAt = performance.now();
  const mismatch = changed ? roundTrip(file, original, { code, mappings: map.mappings }, options) : undefined;
  const ms = { instrument: instrumentedAt - started, check: performance.now() - instrumentedAt };
  return { status: 'checked', file, sites, writes, changed, ms, ...(mismatch ? { mismatch } : {}) };
}

export function parseAs(file: string, text: string): ts.SourceFile {
  return parseSource(file, text, scriptKindOf(file) ?? ts.ScriptKind.JS);
}

/** The first way `instrumented` fails to stand for `original`, or undefined. */
export function roundTrip(
  file: string,
  original: ts.SourceFile,
  { code: instrumented, mappings }: { readonly code: string; readonly mappings?: string },
  options: CheckOptions = {},
): Mismatch | undefined {
  const output = parseAs(file, instrumented);
  const at = (kind: MismatchKind, message: string, outputOffset: number, extra: Partial<Mismatch> = {}): Mismatch => {
    // Without a map, the place in the output: lines stay where they were, columns do not.
    const { line: outLine, character } = output.getLineAndCharacterOfPosition(outputOffset);
    const place = mappings === undefined ? undefined : originalPlace(mappings, outLine, character);
    const [line, column] = place ? [place.line, place.column] : [outLine, character];
    const originalOffset = offsetOf(original, line, column);
    return {
      kind,
      file,
      line: line + 1,
      column: column + 1,
      message,
      original: snippet(original.text, originalOffset),
      instrumented: snippet(instrumented, outputOffset),
      ...extra,
    };
  };
  // `return(x.y = 1)` → `return__cl$i()…`: an insert that starts with a name, right after a name
  // or keyword, makes one identifier of the two; the output may even parse.
  const glued = gluedInsert(instrumented);
  if (glued !== undefined) return at('token glued to an insert', `\`${glued.text}\` is one identifier in the output`, glued.at);
  const errors = syntaxErrorsOf(output);
  if (errors.length > 0) return at('output does not parse', errors[0]!.message, errors[0]!.start);
  let restoredText: RestoredText;
  let bindingsStart: number;
  try {
    ({ text: restoredText, preambleStart: bindingsStart } = uninstrument(output));
  } catch (error) {
    if (error instanceof UninstrumentError) return at('unknown runtime form', error.message, error.at);
    throw error;
  }
  const text = restoredText.toString();
  const restored = parseAs(file, text);
  const restoredErrors = syntaxErrorsOf(restored);
  if (restoredErrors.length > 0) {
    const where = restoredText.toOutput(restoredErrors[0]!.start)?.offset ?? 0;
    return at('tree differs', `the restored text does not parse: ${restoredErrors[0]!.message}`, where, { restored: snippet(text, restoredErrors[0]!.start) });
  }
  const difference = firstDifference(original, restored, options.lines === false ? undefined : sameLine(original, output, restored, restoredText));
  if (difference === undefined) {
    // JavaScript runs as instrumented, with its edits marked; TypeScript is printed again first.
    const source = needsTranspile(file) ? undefined : firstFunctionSourceDifference(original, output, bindingsStart);
    return source === undefined ? undefined : at('function source differs', source.message, source.at);
  }
  const a = difference.original;
  const b = difference.restored;
  const start = a.getStart(original);
  const { line, character } = original.getLineAndCharacterOfPosition(start);
  const outputOffset = restoredText.toOutput(b.getStart(restored))?.offset ?? 0;
  const moved = difference.what.startsWith(LINE_MOVED);
  return {
    kind: moved ? 'line moved' : 'tree differs',
    file,
    line: line + 1,
    column: character + 1,
    message: moved ? difference.what.slice(LINE_MOVED.length + 2) : `${difference.what} (original ${kindName(a.kind)}, restored ${kindName(b.kind)})`,
    original: snippet(original.text, start),
    instrumented: snippet(instrumented, outputOffset),
    restored: snippet(text, b.getStart(restored)),
    path: difference.path,
  };
}

const LINE_MOVED = 'line moved';
const NAME_CHAR = /[\p{ID_Continue}$\u200c\u200d]/u;

/** The first of the instrumenter's names that continues the name or keyword before it. */
function gluedInsert(code: string): { readonly text: string; readonly at: number } | undefined {
  // By each marker and the character before it: a regular expression over the whole text
  // backtracks through every long run of name characters.
  for (let i = code.indexOf('__cl$', 1); i !== -1; i = code.indexOf('__cl$', i + 5)) {
    if (!NAME_CHAR.test(code[i - 1]!)) continue;
    let start = i - 1;
    while (start > 0 && NAME_CHAR.test(code[start - 1]!)) start--;
    return { text: code.slice(start, i + 6), at: start };
  }
  return undefined;
}

/**
 * Names and literals the instrumented text holds verbatim must be on the original's line: only
 * those, since a name the un-instrumenter wrote (`Array` of `Array.from`) has no place of its own
 * in the output. The first token to move is the first after the text the instrumenter dropped.
 */
function sameLine(original: ts.SourceFile, output: ts.SourceFile, restored: ts.SourceFile, text: RestoredText): PairCheck {
  return (a, b) => {
    if (!ts.isIdentifier(a) && !ts.isLiteralExpression(a)) return undefined;
    const place = text.toOutput(b.getStart(restored));
    if (place?.verbatim !== true) return undefined;
    const was = original.getLineAndCharacterOfPosition(a.getStart(original)).line;
    const is = output.getLineAndCharacterOfPosition(place.offset).line;
    return was === is ? undefined : `${LINE_MOVED}: \`${a.getText(original).slice(0, 40)}\` from line ${String(was + 1)} to ${String(is + 1)}`;
  };
}

function offsetOf(sf: ts.SourceFile, line: number, character: number): number {
  const starts = sf.getLineStarts();
  const start = starts[Math.min(line, starts.length - 1)] ?? 0;
  return Math.min(start + character, sf.text.length);
}

/** A short one-line excerpt from `offset`, with a little context before it. */
export function snippet(text: string, offset: number, before = 20, after = 100): string {
  const from = Math.max(0, offset - before);
  const head = text.slice(from, offset).replace(/\s+/g, ' ');
  const tail = text.slice(offset, offset + after).replace(/\s+/g, ' ');
  return `${from > 0 ? '…' : ''}${head}⟨${tail}${offset + after < text.length ? '…' : ''}`;
}
