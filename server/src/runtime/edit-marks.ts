/**
 * How instrumented JavaScript carries the text it replaced. Each run of text the instrumenter
 * wrote is enclosed in two comments, the first holding the original text it stands for:
 * `/*cl$<{ ...*\/__cl$i().objectSpread(__cl$s[0], /*cl$>*\/x`. Any slice of the module, such as a
 * function's source as V8 keeps it, so gives back its original text with no table and nothing
 * kept per module: the marks are part of the script's source, which V8 holds anyway. The original
 * text is escaped onto one line (a comment with a line break would end a line for ASI) and never
 * holds the end of a comment.
 */
export const MARK_OPEN = '/*cl$<';
const MARK_OPEN_END = '*/';
export const MARK_CLOSE = '/*cl$>*/';

const ESCAPED = /[\\\n\r\u2028\u2029]|\*\//g;
const ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\u2028': '\\u2028', '\u2029': '\\u2029', '*/': '*\\/' };
const UNESCAPED = /\\(u2028|u2029|[\\nr/])/g;
const UNESCAPES: Readonly<Record<string, string>> = { '\\': '\\', n: '\n', r: '\r', '/': '/', u2028: '\u2028', u2029: '\u2029' };

/** The mark that opens a run of edited text standing for `original`; MARK_CLOSE closes it. */
export function markOpening(original: string): string {
  return `${MARK_OPEN}${original.replace(ESCAPED, (c) => ESCAPES[c]!)}${MARK_OPEN_END}`;
}

/**
 * `text` with each marked run replaced by the original it stands for. A run whose closing mark
 * lies beyond the end of `text` runs to its end: V8 ends an arrow function's source at the last
 * token of its body, before the closing mark of an edit that ends there.
 */
export function unmarkEdits(text: string): string {
  let open = text.indexOf(MARK_OPEN);
  if (open === -1) return text;
  const parts: string[] = [];
  let cursor = 0;
  while (open !== -1) {
    const originalStart = open + MARK_OPEN.length;
    const originalEnd = text.indexOf(MARK_OPEN_END, originalStart);
    if (originalEnd === -1) break;
    const close = text.indexOf(MARK_CLOSE, originalEnd + MARK_OPEN_END.length);
    const original = text.slice(originalStart, originalEnd);
    parts.push(text.slice(cursor, open), original.includes('\\') ? original.replace(UNESCAPED, (_, c: string) => UNESCAPES[c]!) : original);
    cursor = close === -1 ? text.length : close + MARK_CLOSE.length;
    open = text.indexOf(MARK_OPEN, cursor);
  }
  parts.push(text.slice(cursor));
  return parts.join('');
}
