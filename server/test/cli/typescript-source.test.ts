/**
 * TypeScript run by Node itself (`node a.ts`, which strips the types) prints under cowlens what it
 * prints plain (issue 11, first law): each function's source is the file's text with its types
 * blanked out, as Node gives it, never cowlens's calls, and runs again from that text; errors
 * thrown in `.ts`, `.mts` and `.cts` files have the lines and columns, and the file names (a path
 * or a URL, as the Node release has it), plain Node gives; the exit status is the same.
 *
 * Needs a Node that strips types itself: 22.18+, 23.6+ and 24 (the Node 22 and 24 passes of
 * .ci/node-pass); skipped elsewhere (Node 20, the main run: there plain Node cannot run a `.ts`).
 */
import Module from 'node:module';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { plainNode, reportOf } from './run-cowlens.js';

const NODE_STRIPS_TYPES = typeof (Module as { stripTypeScriptTypes?: unknown }).stripTypeScriptTypes === 'function' && (process.features as { typescript?: unknown }).typescript === 'strip';
const MODES = ['observe', 'cow'] as const;

/**
 * Copy sites and writes in every form a function takes, among types of every kind; each line that
 * makes an error or reads a stack holds no site, so its columns are the file's (cowlens moves
 * columns only on the lines it edits, see stack-format.test.ts).
 */
const PROGRAM: Readonly<Record<string, string>> = {
  'main.ts': `import type { Shape } from './shapes.mts';
const lib = require('./lib.cts') as { merge<A, B>(a: A, b: B): A & B; Counter: new <K>() => { count(keys: K[]): Map<K, number> }; here(): string };
interface Box<T> { items: T[]; label?: string }
type Pair<A, B = A> = readonly [A, B];
function copy<T>(b: Box<T>): T[] { return [...b.items] as T[]; }
function overloaded(x: number): number;
function overloaded(x: string): string;
function overloaded(x: any): any { return Array.isArray(x) ? x.slice() : x; }
const arrow = <T,>(xs: readonly T[]): T[] => xs.slice() satisfies T[];
const spread = (o: { a: number }): { a: number; b: number } => ({ ...o, b: o!.a + 1 });
abstract class Base<T> { abstract get all(): readonly T[]; }
class Shelf<T> extends Base<T> implements Iterable<T> {
  private items: T[] = [];
  declare readonly tag?: string;
  add(item: T): this { this.items = [...this.items, item]; return this; }
  get all(): readonly T[] { return this.items.slice(); }
  *[Symbol.iterator](): Iterator<T> { yield* Array.from(this.items); }
  static from<U>(xs: U[]): Shelf<U> { const s = new Shelf<U>(); for (const x of Array.from(xs)) s.add(x); return s; }
}
const pair: Pair<number> = [1, 2];
const shape: Shape = { kind: 'square', side: 2 };
const getter = Object.getOwnPropertyDescriptor(Shelf.prototype, 'all')!.get!;
for (const fn of [copy, overloaded, arrow, spread, Shelf, Shelf.prototype.add, getter, Shelf.from, lib.merge, lib.Counter]) console.log(String(fn));
console.log(new Function('return ' + copy)()({ items: [1] }), new Function('return ' + arrow)()([2]), copy({ items: [3] }), arrow([4]), spread({ a: 1 }), [...Shelf.from([5, 6])], Shelf.from([7]).all, pair, shape);
console.log(lib.merge({ a: 1 }, { b: 2 }), new lib.Counter<string>().count(['x', 'x']));
console.log(lib.here());
function here(): string { return new Error('main').stack!.split('\\n')[1]!; }
console.log(here());
import('./esm.mts').then((m: typeof import('./esm.mts')) => {
  console.log(String(m.cloneAll), String(m.Grid));
  console.log(m.cloneAll(new Map([[1, { v: 2 }]])), new m.Grid(2).rows);
  // Node maps no module it strips unless the program asks for source maps; cowlens neither.
  console.log(m.here(), process.sourceMapsEnabled);
  m.fail(3);
});
`,
  'lib.cts': `function merge<A extends object, B extends object>(a: A, b: B): A & B {
  return Object.assign({}, a, b);
}
class Counter<K> {
  #seen = new Map<K, number>();
  count(keys: K[]): Map<K, number> {
    for (const k of keys) this.#seen.set(k, (this.#seen.get(k) ?? 0) + 1);
    return new Map(this.#seen);
  }
}
const here = (): string => new Error('lib').stack!.split('\\n')[1]!;
module.exports = { merge, Counter, here };
`,
  'shapes.mts': `export type Shape = { kind: 'square'; side: number } | { kind: 'circle'; radius: number };
export const area = (s: Shape): number => (s.kind === 'square' ? s.side ** 2 : Math.PI * s.radius ** 2);
`,
  'esm.mts': `import { area, type Shape } from './shapes.mts';
export function cloneAll<K, V extends object>(m: Map<K, V>): Map<K, V> {
  const out = new Map<K, V>(m);
  for (const [k, v] of out) out.set(k, structuredClone(v) as V);
  return out;
}
export class Grid {
  rows: number[][];
  constructor(n: number) { this.rows = Array.from({ length: n }, (_: unknown, i: number) => [...[i, i]]); }
}
export const here = (): string => new Error('esm').stack!.split('\\n')[1]!;
export function fail(n: number): never {
  const shape = { kind: 'square', side: n } satisfies Shape;
  throw new RangeError(\`no room for \${area(shape)}\`);
}
`,
};

/**
 * What Node prints of an uncaught error that is the program's: the place, its line and caret, the
 * error, and the frames of the program's files. Node's own frames are left out: with any
 * `--import`, cowlens's included, Node 22 runs the entry point from a task of its own.
 */
function programsPart(stderr: string, dir: string): string {
  return stderr
    .split('\n')
    .filter((line) => !line.startsWith('    at ') || line.includes(dir))
    .join('\n');
}

describe.skipIf(!NODE_STRIPS_TYPES)('TypeScript that Node strips runs under cowlens as plain', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cowlens-typescript-source-'));
  for (const [file, text] of Object.entries(PROGRAM)) writeFileSync(join(dir, file), text);
  const plain = plainNode(['main.ts'], { cwd: dir });

  for (const mode of MODES) {
    it(`${mode}: the same stdout (functions' sources, stacks), the same uncaught error and exit status, and the sites at their places`, () => {
      expect(plain.status, plain.stderr).toBe(1);
      expect(plain.stdout).toContain('function copy   (b        )      { return [...b.items]       ; }');
      expect(plain.stderr).toContain('RangeError: no room for 9');
      const run = reportOf(['node', 'main.ts'], { mode, cwd: dir, extra: ['--quiet'] });
      expect({ status: run.status, stdout: run.stdout, stderr: programsPart(run.stderr, dir) }).toEqual({ status: plain.status, stdout: plain.stdout, stderr: programsPart(plain.stderr, dir) });
      expect(run.report).toMatchObject({ complete: true, diagnostics: [] });
      const sites = run.report.sites.map((s) => `${s.file}:${String(s.line)}:${String(s.column)} ${s.kind}`);
      expect(sites).toEqual(expect.arrayContaining(['main.ts:5:43 array-spread', 'main.ts:15:37 array-spread', 'lib.cts:2:10 object-assign', 'esm.mts:3:15 map-copy', 'esm.mts:9:93 array-spread']));
    });
  }
});
