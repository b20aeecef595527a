/**
 * Run as a child process with --expose-gc: allocates many copies of each kind of value, measures
 * the heap per copy, and prints the measured figures beside the model's as JSON.
 */
import { deepSize, shallowSize } from '../../../src/runtime/size/index.js';

/** Each case allocates about this many bytes, so that other allocations are noise; and runs three times. */
const BYTES_PER_CASE = 8_000_000;
const TRIALS = 3;

declare const gc: () => void;

function heap(): number {
  for (let i = 0; i < 4; i++) gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

function measureOnce(make: (i: number) => unknown, count: number): number {
  const holder: unknown[] = new Array<unknown>(count).fill(null);
  make(0);
  const before = heap();
  for (let i = 0; i < count; i++) holder[i] = make(i);
  const after = heap();
  holder.length = 0;
  return (after - before) / count;
}

/** The median over trials of the heap a copy takes. */
function measure(make: (i: number) => unknown, roughBytes: number): number {
  const count = Math.min(200_000, Math.max(2_000, Math.round(BYTES_PER_CASE / Math.max(roughBytes, 1))));
  const trials = Array.from({ length: TRIALS }, () => measureOnce(make, count)).sort((a, b) => a - b);
  return trials[Math.floor(TRIALS / 2)]!;
}

const objectOf = (n: number): Record<string, number> => {
  const o: Record<string, number> = {};
  for (let i = 0; i < n; i++) o[`key${String(i)}`] = i;
  return o;
};
const small = { a: 1, b: 'two', c: true };
const large = objectOf(40);
const dictionary = objectOf(2000);
const smis = Array.from({ length: 1000 }, (_, i) => i);
const doubles = Array.from({ length: 1000 }, (_, i) => i + 0.5);
const objects = Array.from({ length: 1000 }, (_, i) => ({ i }));
const holey: unknown[] = new Array(1000);
for (let i = 0; i < 1000; i += 3) holey[i] = i;
const map = new Map(Array.from({ length: 100 }, (_, i) => [i, `v${String(i)}`]));
const set = new Set(Array.from({ length: 100 }, (_, i) => i));
const tree = { name: 'root', children: Array.from({ length: 20 }, (_, i) => ({ id: i, tags: ['a', 'b'], meta: { depth: 1, weight: i + 0.25 } })) };
const floats = new Float64Array(1000).fill(1.5);
const bytes = new Uint8Array(4096).fill(7);
const date = new Date(0);

/** A sequential (flat) string of 104 characters from `base`, distinct for each `i`; concatenation would make cons strings. */
function flatString(base: number, i: number): string {
  const codes = Array.from({ length: 104 }, (_, k) => base + ((i >> (k % 16)) & 1) + (k % 20));
  return String.fromCharCode(...codes);
}

type Case = [name: string, make: (i: number) => unknown, model: (copy: unknown) => number];
const shallow = (copy: unknown): number => shallowSize(copy);

const cases: Case[] = [
  ['small object', () => ({ ...small }), shallow],
  ['large object (40 properties)', () => ({ ...large }), shallow],
  ['dictionary-mode object (2,000 properties)', () => ({ ...dictionary }), shallow],
  ['SMI array', () => smis.slice(), shallow],
  ['double array', () => doubles.slice(), shallow],
  ['object array', () => objects.slice(), shallow],
  ['holey array', () => holey.slice(), shallow],
  ['one-byte string', (i) => flatString(0x61, i), shallow],
  ['two-byte string', (i) => flatString(0x100, i), shallow],
  ['Map (100 entries)', () => new Map(map), shallow],
  ['Set (100 entries)', () => new Set(set), shallow],
  ['nested tree (structuredClone)', () => structuredClone(tree), (copy) => deepSize(copy, { strings: true })],
  ['Float64Array (1,000)', () => floats.slice(), shallow],
  ['Uint8Array (4,096)', () => bytes.slice(), shallow],
  ['Date', () => new Date(date), shallow],
];

const results = cases.map(([name, make, model]) => {
  const modelled = model(make(1));
  return { name, measured: measure(make, modelled), model: modelled };
});
process.stdout.write(JSON.stringify(results));
