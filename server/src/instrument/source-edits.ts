import { addSegment, GenMapping, toEncodedMap } from '@jridgewell/gen-mapping';
import { marksFor } from '../runtime/edit-marks.js';
import { EditExtents } from './edit-extents.js';

/** A source map in the v3 JSON shape. */
export type EncodedSourceMap = ReturnType<typeof toEncodedMap>;

/**
 * Which of two edits on the same span goes outside: a wrap around an expression (a write's
 * target passed through the runtime) encloses the rewrite of that same expression (a copy call).
 */
export const enum Layer {
  Rewrite = 0,
  Wrap = 1,
  /** A guard of a call or an iteration V8 words from the source text (emit-guards.ts): around the wraps and rewrites. */
  Guard = 2,
  /** The head of an optional chain cut before a write (chain-cuts.ts): around everything else of the head. */
  Cut = 3,
  /**
   * An object rest's source passed through the runtime (`__cl$t0 = R.restSource(S, init)`, see
   * rewriteRest): around every edit of the source itself, whatever passes the whole source through
   * the runtime (a package call's `lent` and `returned`) included.
   */
  RestSource = 4,
  /** A `;` that ends a statement where the program's line break did (statement-ends.ts): around everything but a with statement's own edits. */
  Terminator = 5,
  /** A with statement's object passed through the runtime, and its body put in a block with a head (with-statements.ts): around everything, a terminator of the body included. */
  WithScope = 6,
}

interface Insert {
  readonly pos: number;
  readonly text: string;
  /** Closing inserts come before opening ones at one position: a node ending there precedes one starting there. */
  readonly opening: boolean;
  readonly span: number;
  readonly layer: Layer;
  /** The wrap it belongs to, in the order wraps were made: of two wraps of one extent, the first made is the outer. */
  readonly wrap: number;
  /** Text that is no part of any function's source (the module's bindings): never marked. */
  readonly unmarked?: true;
}

interface Replace {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/**
 * Edits to a source text that keep every line where it was: inserted text never holds a newline,
 * so stack traces keep their line numbers even without the source map. Edits nest like the syntax
 * tree they come from: each inserted text belongs to a node's extent [start, end), and at one
 * offset the texts of an enclosing node open before, and close after, those of a node inside it
 * (for one extent, the wrap encloses the rewrite). Replaced ranges are a node's own tokens: they
 * never overlap and never hold inserts.
 *
 * With `marking`, each run of edited text carries the original it stands for (runtime/edit-marks.ts),
 * so that the source of a function V8 gives back can be read as written.
 */
export class SourceEdits {
  private readonly inserts: Insert[] = [];
  private readonly replaces: Replace[] = [];
  private wraps = 0;

  constructor(
    private readonly text: string,
    private readonly marking?: Marking,
  ) {}

  get size(): number {
    return this.inserts.length + this.replaces.length;
  }

  /** Puts `before` in front of [start, end) and `after` behind it. */
  wrap(start: number, end: number, before: string, after: string, layer: Layer): void {
    const span = end - start;
    const wrap = this.wraps++;
    if (before !== '') this.inserts.push({ pos: start, text: before, opening: true, span, layer, wrap });
    if (after !== '') this.inserts.push({ pos: end, text: after, opening: false, span, layer, wrap });
  }

  /** Where the edits made so far end: text put behind a node, or a replaced range. */
  closings(): Set<number> {
    return new Set([...this.inserts.filter((i) => !i.opening).map((i) => i.pos), ...this.replaces.map((r) => r.end)]);
  }

  /** The extent of the node each edit made so far belongs to. */
  extents(): EditExtents {
    const inserts = this.inserts.filter((i) => i.unmarked !== true).map((i): [number, number] => (i.opening ? [i.pos, i.pos + i.span] : [i.pos - i.span, i.pos]));
    return new EditExtents([...inserts, ...this.replaces.map((r): [number, number] => [r.start, r.end])]);
  }

  /** Adds `text` after the end of the text, behind every other insert there. */
  append(text: string): void {
    this.inserts.push({ pos: this.text.length, text, opening: false, span: Number.MAX_SAFE_INTEGER, layer: Layer.Wrap, wrap: -1, unmarked: true });
  }

  replace(start: number, end: number, text: string): void {
    this.replaces.push({ start, end, text });
  }

  /** The edited text and a map from it back to the original, named `file`. */
  apply(file: string): { code: string; map: EncodedSourceMap } {
    const inserts = [...this.inserts].sort(compareInserts);
    const replaces = [...this.replaces].sort((a, b) => a.start - b.start);
    const out = new OutputWithMap(this.text, file, this.marking);
    let cursor = 0;
    let r = 0;
    const replaceWith = (replace: Replace): void => {
      out.copy(cursor, replace.start);
      out.add(replacementOf(this.text, replace.start, replace.end, replace.text), replace.start, replace.end, true);
      cursor = replace.end;
    };
    for (const insert of inserts) {
      while (r < replaces.length && replaces[r]!.start < insert.pos) replaceWith(replaces[r++]!);
      if (insert.pos < cursor) throw new Error(`cowlens: overlapping edits at offset ${String(insert.pos)} of ${file}`);
      out.copy(cursor, insert.pos);
      out.add(insert.text, insert.pos, insert.pos, insert.unmarked !== true);
      cursor = insert.pos;
    }
    for (; r < replaces.length; r++) replaceWith(replaces[r]!);
    out.copy(cursor, this.text.length);
    return { code: out.code(), map: out.map() };
  }
}

const LINE_BREAK = /\r\n|[\n\r\u2028\u2029]/g;
const CLOSER = /[)\]}]\s*$/;

/**
 * `text` in place of the original [start, end), with the line breaks that range held, so that every
 * line after it starts where it did. The text goes on the line of the range's closing bracket when
 * the range ends with one (`…\n}` → `…\n)`: a token after it, such as `as T`, must not follow a line
 * break), else on its first line (`{\n...` → `f(S, \n`: a `return` before it must not either);
 * spaces then bring the rest of that line back to its columns.
 */
function replacementOf(original: string, start: number, end: number, text: string): string {
  const dropped = original.slice(start, end);
  const breaks = dropped.match(LINE_BREAK);
  if (breaks === null) return text;
  LINE_BREAK.lastIndex = 0;
  let lastBreakEnd = 0;
  for (let m = LINE_BREAK.exec(dropped); m !== null; m = LINE_BREAK.exec(dropped)) lastBreakEnd = m.index + m[0].length;
  const lastColumn = dropped.length - lastBreakEnd;
  if (CLOSER.test(dropped)) {
    const closer = dropped.trimEnd().length - 1;
    return breaks.join('') + ' '.repeat(Math.max(0, closer - lastBreakEnd)) + text + ' '.repeat(Math.max(0, dropped.length - closer - 1 - text.length));
  }
  return text + breaks.join('') + ' '.repeat(lastColumn);
}

const isWordCode = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 36 || c > 127;

function compareInserts(a: Insert, b: Insert): number {
  if (a.pos !== b.pos) return a.pos - b.pos;
  if (a.opening !== b.opening) return a.opening ? 1 : -1;
  // Opening: the outer (longer span, then the wrap, then the one made first) first. Closing: the inner first.
  const outerFirst = b.span - a.span || b.layer - a.layer || a.wrap - b.wrap;
  return a.opening ? outerFirst : -outerFirst;
}

/** What marking edits needs to know of the text's tokens. */
export interface Marking {
  /** Where regular expression literals end: a `/` there is no division's. */
  readonly regexEnds: ReadonlySet<number>;
}

/** Edited text waiting to be written as one marked run: the edits that follow one another with no original text between. */
interface PendingEdit {
  readonly text: string;
  readonly at: number;
  readonly resume: number;
}

/**
 * What a character of copied text belongs to. A map composed over cowlens's (a compiler's output,
 * then cowlens's edits, then the file) keeps only the columns cowlens's map has segments at: any
 * other column falls back to the segment before it. So copied text has a segment wherever a
 * token or a space can start: at each word, each space run, each punctuator, and where the copy
 * begins (right after an edit).
 */
const enum Run {
  None,
  Word,
  Space,
  Punctuator,
}

/**
 * Builds the output and its source map together. Original text keeps a segment at every place a
 * token can start (see Run) so a stack trace's column maps exactly, through cowlens's map alone or
 * composed under a compiler's; inserted text maps to where it was inserted.
 */
class OutputWithMap {
  private readonly parts: string[] = [];
  private readonly gen: GenMapping;
  private line = 0;
  private column = 0;
  private readonly lineStarts: number[];
  private pending: PendingEdit[] = [];

  constructor(
    private readonly text: string,
    private readonly file: string,
    private readonly marking: Marking | undefined,
  ) {
    // No sourcesContent: the original is on disk, and a copy inlined into every module doubles it.
    this.gen = new GenMapping({ file });
    this.lineStarts = lineStartsOf(text);
  }

  copy(from: number, to: number): void {
    if (to <= from) return;
    this.flushMarked();
    const text = this.text;
    let origLine = this.lineOf(from);
    let genLine = this.line;
    // Where the current line of the chunk starts, in the original and in the output.
    let origLineStart = this.lineStarts[origLine]!;
    let genLineStart = from - this.column;
    let before = Run.None;
    for (let p = from; p < to; p++) {
      const c = text.charCodeAt(p);
      if (c === 10) {
        origLine++;
        genLine++;
        origLineStart = genLineStart = p + 1;
        before = Run.None;
        continue;
      }
      const run = isWordCode(c) ? Run.Word : c === 32 || c === 9 || c === 13 ? Run.Space : Run.Punctuator;
      if (run !== before || run === Run.Punctuator) addSegment(this.gen, genLine, p - genLineStart, this.file, origLine, p - origLineStart);
      before = run;
    }
    this.emit(text.slice(from, to));
  }

  /**
   * Adds `text` in place of the original [at, resume): a space keeps it apart from a name or
   * keyword it would otherwise run into (`return[…]` must not become `return__cl$i()…`). Marked
   * text waits for the edits right after it, to go out as one run; its marks keep it apart.
   */
  add(text: string, at: number, resume: number, markable: boolean): void {
    if (this.marking !== undefined && markable) {
      if (text !== '' || resume > at) this.pending.push({ text, at, resume });
      return;
    }
    this.flushMarked();
    this.addUnmarked(text, at, resume);
  }

  /**
   * The pending edits as one marked run, each part mapped to where it was made. A mark right after
   * a division's `/` would make `//` of it: that `/` goes into the run (`n/[...xs]` →
   * `n/*cl$<vvdrvf/[...*\// __cl$i()…`). After a regular expression's last `/`, or a comment's, a mark
   * begins a comment as it should.
   */
  private flushMarked(): void {
    const pending = this.pending;
    if (pending.length === 0) return;
    this.pending = [];
    let start = pending[0]!.at;
    if (this.lastCode === 47 && this.text.charCodeAt(start - 2) !== 42 && this.marking?.regexEnds.has(start) !== true) {
      this.unemitLast();
      start--;
      pending.unshift({ text: '/ ', at: start, resume: start + 1 });
    }
    const marks = marksFor(this.text.slice(start, pending.at(-1)!.resume));
    this.emit(marks.opening);
    for (const { text, at } of pending) {
      if (text === '') continue;
      const origLine = this.lineOf(at);
      addSegment(this.gen, this.line, this.column, this.file, origLine, at - this.lineStarts[origLine]!);
      this.emit(text);
    }
    this.emit(marks.closing);
  }

  private addUnmarked(text: string, at: number, resume: number): void {
    if (text === '') return;
    const origLine = this.lineOf(at);
    const glueBefore = isWordCode(text.charCodeAt(0)) && isWordCode(this.lastCode);
    const glueAfter = isWordCode(text.charCodeAt(text.length - 1)) && resume < this.text.length && isWordCode(this.text.charCodeAt(resume));
    if (glueBefore) this.emit(' ');
    addSegment(this.gen, this.line, this.column, this.file, origLine, at - this.lineStarts[origLine]!);
    this.emit(glueAfter ? `${text} ` : text);
  }

  /** The last character emitted, as a code unit (0 before any). */
  private lastCode = 0;

  /** Takes back the last character emitted, one that is no line break. */
  private unemitLast(): void {
    const last = this.parts.length - 1;
    const shortened = this.parts[last]!.slice(0, -1);
    if (shortened === '') this.parts.pop();
    else this.parts[last] = shortened;
    this.column--;
    const before = this.parts.at(-1) ?? '';
    this.lastCode = before === '' ? 0 : before.charCodeAt(before.length - 1);
  }

  private emit(text: string): void {
    if (text === '') return;
    this.parts.push(text);
    this.lastCode = text.charCodeAt(text.length - 1);
    const lastNewline = text.lastIndexOf('\n');
    if (lastNewline === -1) {
      this.column += text.length;
      return;
    }
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.line++;
    this.column = text.length - lastNewline - 1;
  }

  private lineOf(pos: number): number {
    const starts = this.lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  code(): string {
    this.flushMarked();
    return this.parts.join('');
  }

  map(): EncodedSourceMap {
    return toEncodedMap(this.gen);
  }
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}
