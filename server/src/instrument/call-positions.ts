import { fromMap, toDecodedMap, toEncodedMap } from '@jridgewell/gen-mapping';
import type { EncodedSourceMap } from './source-edits.js';

const isWordCode = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 36 || c > 127;

/**
 * TypeScript's map of its output, without the segments that lead to the `(` of a call of a name.
 * TypeScript's CommonJS output calls an imported function `f(…)` as `(0, m.f)(…)`, which V8
 * places at that `(` (a callee that is no name or property access), while run as written (Node's
 * type stripping, esbuild's tsx) the call is placed at `f`. Without those segments the position
 * falls back to `f`'s, so a frame of a call through an import reads as plain Node's; no other
 * frame is ever placed at such a `(`.
 */
export function callsAtTheirNames(emitted: EncodedSourceMap, source: string): EncodedSourceMap {
  const lineStarts = [0];
  for (let i = source.indexOf('\n'); i !== -1; i = source.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const { mappings, names, sources } = toDecodedMap(fromMap(JSON.stringify(emitted)));
  const kept = mappings.map((line) =>
    line.filter((segment) => {
      if (segment.length === 1) return true;
      const at = (lineStarts[segment[2]] ?? Number.NaN) + segment[3];
      return !(source.charCodeAt(at) === 40 && isWordCode(source.charCodeAt(at - 1)));
    }),
  );
  return toEncodedMap(fromMap({ version: 3, names: [...names], sources: [...sources], mappings: kept }));
}
