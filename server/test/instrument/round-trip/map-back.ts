/**
 * From a place in the instrumented text to the original's, by the instrumenter's source map: for
 * output that does not parse there is no tree to pair the places with. A few lines of VLQ
 * decoding, rather than a source-map library the project does not depend on.
 */
const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function decodeSegment(segment: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const c of segment) {
    const digit = Math.max(0, BASE64.indexOf(c));
    value += (digit & 31) * 2 ** shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    values.push(value & 1 ? -(value - 1) / 2 : value / 2);
    value = 0;
    shift = 0;
  }
  return values;
}

/**
 * The original line and column (0-based) of the last mapped segment at or before `column` on
 * `line` of the output, or undefined when that line has none.
 */
export function originalPlace(mappings: string, line: number, column: number): { readonly line: number; readonly column: number } | undefined {
  let sourceLine = 0;
  let sourceColumn = 0;
  let found: { line: number; column: number } | undefined;
  const lines = mappings.split(';');
  for (let l = 0; l <= line && l < lines.length; l++) {
    let generated = 0;
    for (const segment of lines[l]!.split(',')) {
      if (segment === '') continue;
      const [dg = 0, , dl = 0, dc = 0] = decodeSegment(segment);
      generated += dg;
      sourceLine += dl;
      sourceColumn += dc;
      if (l === line && generated <= column) found = { line: sourceLine, column: sourceColumn };
    }
  }
  return found;
}
