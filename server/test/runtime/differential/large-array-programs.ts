/**
 * Programs that copy arrays long enough to be imaged page by page (runtime/cow/paged-image.ts)
 * and write them between and after the copies: the source and the copies, by element writes at
 * page borders and by every method that changes the length or moves elements, with holes, other
 * properties and sort comparators, and copies read in between, so that views read images of
 * images. Each program logs a digest of every copy and of the source, which must be the same
 * plainly, in observe mode and in cow mode.
 */
import fc from 'fast-check';
import { PAGE_LENGTH } from '../../../src/runtime/cow/paged-image.js';

const pick = <T>(...items: T[]): fc.Arbitrary<T> => fc.constantFrom(...items);

/** Lengths around the paging threshold and the borders of the second and third page. */
const LENGTHS = [PAGE_LENGTH - 1, PAGE_LENGTH, PAGE_LENGTH + 1, 2 * PAGE_LENGTH - 1, 2 * PAGE_LENGTH, 2 * PAGE_LENGTH + 1, 3 * PAGE_LENGTH - 1, 3 * PAGE_LENGTH + 2];

/** Indices on either side of page borders, the ends, and past the end. */
const POSITIONS = ['0', '1', String(PAGE_LENGTH - 1), String(PAGE_LENGTH), String(PAGE_LENGTH + 1), String(2 * PAGE_LENGTH - 1), String(2 * PAGE_LENGTH), 'T.length - 1', 'T.length', 'T.length + 3'];

const SOURCES = [
  'Array.from({ length: N }, (_, i) => ({ i }))',
  'Array.from({ length: N }, (_, i) => i * 1.5)',
  '(() => { const a = Array.from({ length: N }, (_, i) => "s" + i); for (let i = 3; i < N; i += 401) delete a[i]; return a; })()',
  '(() => { const a = Array.from({ length: N }, (_, i) => (i % 5 === 0 ? undefined : { i })); a.extra = { e: 1 }; return a; })()',
];

const COPIES = ['src.slice()', '[...src]', 'Array.from(src)', 'structuredClone(src)', 'src.concat()', 'structuredClone({ l: src }).l'];

/** Writes of the array `T` at position `P`; `step` makes each written value distinct. */
const WRITES = [
  'T[P] = { n: step }',
  'T[P] = T[P]',
  'T.push({ n: step })',
  'T.push(step, step + 1)',
  'T.pop()',
  'T.shift()',
  'T.unshift({ n: step })',
  'T.splice(P, 1)',
  'T.splice(P, 0, { n: step }, step)',
  'T.length = P',
  'T.length = T.length + 2',
  'delete T[P]',
  'T.reverse()',
  'calls = 0; T.sort((a, b) => (calls++, key(b) - key(a))); log("compared", calls)',
  'T.fill(step, P, P + 3)',
  'T.copyWithin(P, 0, 3)',
  'T.named = step',
  'T[P] += "!"',
];

const STEPS = ['copy', 'source', 'source', 'copied', 'read'] as const;

export function largeArrayProgram(): fc.Arbitrary<string> {
  return fc
    .record({
      n: pick(...LENGTHS),
      source: pick(...SOURCES),
      steps: fc.array(fc.record({ kind: pick(...STEPS), copy: pick(...COPIES), write: pick(...WRITES), at: pick(...POSITIONS), which: fc.nat(4) }), { minLength: 2, maxLength: 8 }),
    })
    .map((p) => {
      const write = (target: string, w: string, at: string): string => w.replaceAll('P', at).replaceAll('T', target);
      const steps = p.steps.map((s, i) => {
        const step = `step = ${String(i)};`;
        switch (s.kind) {
          case 'copy':
            return `${step} copies.push(${s.copy});`;
          case 'source':
            return `${step} ${write('src', s.write, s.at)};`;
          case 'copied':
            return `${step} { const c = copies[${String(s.which)} % (copies.length || 1)]; if (c) { ${write('c', s.write, s.at)}; } }`;
          case 'read':
            return `${step} log(digest(copies[${String(s.which)} % (copies.length || 1)] ?? src));`;
        }
      });
      return [
        "const util = require('util');",
        `const N = ${String(p.n)};`,
        `const src = ${p.source};`,
        'const copies = [];',
        'let step = 0;',
        'let calls = 0;',
        'const key = (x) => (x && typeof x === "object" ? (x.i ?? x.n ?? 0) : typeof x === "number" ? x : 0);',
        // Holes, own keys and values, with one pass of reads through the copy.
        'const digest = (a) => { let h = 7; for (let i = 0; i < a.length; i++) { const s = i in a ? String(JSON.stringify(a[i])) : "_"; for (let k = 0; k < s.length; k++) h = (h * 31 + s.charCodeAt(k)) | 0; } return [a.length, h, Object.keys(a).length, Array.isArray(a), Object.hasOwn(a, N - 1), JSON.stringify(a.slice(N - 3, N + 1))].join(" "); };',
        ...steps,
        'log("source", digest(src));',
        'copies.forEach((c, k) => log(k, digest(c), util.inspect(c, { maxArrayLength: 3, breakLength: Infinity }), JSON.stringify(c).length));',
      ].join('\n');
    });
}
