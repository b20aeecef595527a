import { Math } from './captured-namespaces.js';
/**
 * How instrumented JavaScript carries the text it replaced. Each run of text the instrumenter
 * wrote is enclosed in two comments, the first holding the original text it stands for:
 * `/*cl$<0unwz0{ ...*\/__cl$i().objectSpread(__cl$s[0], /*cl$>0unwz0*\/x`. Any slice of the module,
 * such as a function's source as V8 keeps it, so gives back its original text with no table and
 * nothing kept per module: the marks are part of the script's source, which V8 holds anyway. The
 * original text is escaped onto one line (a comment with a line break would end a line for ASI) and
 * never holds the end of a comment.
 *
 * Text that only looks like a mark must read as it is: a string or a comment of the program that
 * holds `/*cl$<[x*\/y/*cl$>*\/`, code made by `new Function`, a package that runs uninstrumented.
 * So both comments carry a seal, a hash of the escaped original: a mark is read back only when
 * its seal is that of the original it holds and its closing comment carries the same seal. Text
 * written before the run cannot hold one by chance (one in two billion for each would-be mark);
 * the seal depends on nothing but the original, so a module's text stays the same from run to run
 * and cached transforms stay valid.
 */
export const MARK_OPEN = '/*cl$<';
export const MARK_CLOSE = '/*cl$>';
const COMMENT_END = '*/';
const SEAL_LENGTH = 6;
const SEALS = 36 ** SEAL_LENGTH;

const ESCAPED = /[\\\n\r\u2028\u2029]|\*\//g;
const ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\u2028': '\\u2028', '\u2029': '\\u2029', '*/': '*\\/' };
const UNESCAPED = /\\(u2028|u2029|[\\nr/])/g;
const UNESCAPES: Readonly<Record<string, string>> = { '\\': '\\', n: '\n', r: '\r', '/': '/', u2028: '\u2028', u2029: '\u2029' };

/** The pair of marks around a run of edited text that stands for `original`. */
export function marksFor(original: string): { readonly opening: string; readonly closing: string } {
  const escaped = original.replace(ESCAPED, (c) => ESCAPES[c]!);
  const seal = sealOf(escaped);
  return { opening: `${MARK_OPEN}${seal}${escaped}${COMMENT_END}`, closing: closingMark(seal) };
}

function closingMark(seal: string): string {
  return `${MARK_CLOSE}${seal}${COMMENT_END}`;
}

/** FNV-1a over the escaped original's code units, as six base-36 digits. */
function sealOf(escaped: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < escaped.length; i++) hash = Math.imul(hash ^ escaped.charCodeAt(i), 0x01000193);
  return ((hash >>> 0) % SEALS).toString(36).padStart(SEAL_LENGTH, '0');
}

/**
 * `text` with each marked run replaced by the original it stands for; text that looks like a mark
 * but carries no seal of its own stays. A run whose closing mark lies beyond the end of `text`
 * runs to its end: V8 ends an arrow function's source at the last token of its body, before the
 * closing mark of an edit that ends there.
 */
export function unmarkEdits(text: string): string {
  let open = text.indexOf(MARK_OPEN);
  if (open === -1) return text;
  const parts: string[] = [];
  let cursor = 0;
  while (open !== -1) {
    const sealStart = open + MARK_OPEN.length;
    const originalStart = sealStart + SEAL_LENGTH;
    const originalEnd = text.indexOf(COMMENT_END, originalStart);
    if (originalEnd === -1) break;
    const seal = text.slice(sealStart, originalStart);
    const original = text.slice(originalStart, originalEnd);
    if (sealOf(original) !== seal) {
      open = text.indexOf(MARK_OPEN, open + 1);
      continue;
    }
    const closing = closingMark(seal);
    const close = text.indexOf(closing, originalEnd + COMMENT_END.length);
    parts.push(text.slice(cursor, open), original.includes('\\') ? original.replace(UNESCAPED, (_, c: string) => UNESCAPES[c]!) : original);
    cursor = close === -1 ? text.length : close + closing.length;
    open = text.indexOf(MARK_OPEN, cursor);
  }
  if (cursor === 0) return text;
  parts.push(text.slice(cursor));
  return parts.join('');
}
