import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { deepSize, shallowSize } from '../../src/runtime/size/index.js';

const here = import.meta.dirname;
const tsx = createRequire(import.meta.url).resolve('tsx');

interface Measured {
  name: string;
  measured: number;
  model: number;
}

describe('the V8 size model against measured heap', () => {
  const results = JSON.parse(
    execFileSync(process.execPath, ['--expose-gc', '--import', tsx, path.join(here, 'size', 'measure-heap.ts')], { encoding: 'utf8', timeout: 120_000 }),
  ) as Measured[];

  it('measures every kind the issue names', () => {
    expect(results.map((r) => r.name)).toHaveLength(15);
  });

  it.each(results.map((r) => [r.name, r] as const))('%s: model within ±15% of the measured heap', (_name, r) => {
    const error = Math.abs(r.model - r.measured) / r.measured;
    expect(error, `model ${String(r.model)} B vs measured ${r.measured.toFixed(1)} B`).toBeLessThanOrEqual(0.15);
  });
});

describe('the V8 size model', () => {
  it('grows with length and property count', () => {
    expect(shallowSize([1, 2, 3, 4])).toBeGreaterThan(shallowSize([1, 2]));
    expect(shallowSize({ a: 1, b: 2, c: 3, d: 4, e: 5 })).toBeGreaterThan(shallowSize({ a: 1 }));
    expect(shallowSize('a'.repeat(100))).toBeGreaterThan(shallowSize('a'));
  });

  it('counts two-byte strings at two bytes a character', () => {
    expect(shallowSize('ā'.repeat(100))).toBeGreaterThan(shallowSize('a'.repeat(100)) + 80);
  });

  it('counts a node reached twice, or through a cycle, once', () => {
    const shared = { x: [1, 2, 3] };
    const twice = { a: shared, b: shared };
    const once = { a: shared, b: null };
    expect(deepSize(twice)).toBe(deepSize(once));
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = cyclic;
    expect(deepSize(cyclic)).toBe(shallowSize(cyclic));
  });

  it('counts strings only when asked (a deep copy allocates them, a spread shares them)', () => {
    const value = { text: 'x'.repeat(1000) };
    expect(deepSize(value, { strings: true }) - deepSize(value)).toBe(shallowSize(value.text));
  });

  it('boxes the doubles of an object but not of a double array', () => {
    expect(shallowSize({ a: 0.5 })).toBe(shallowSize({ a: 1 }) + 16);
    expect(shallowSize([0.5, 1.5])).toBe(shallowSize([1, 2]));
  });

  it('sizes a very deep chain without exhausting the stack', () => {
    let chain: { next: unknown } = { next: null };
    for (let i = 0; i < 200_000; i++) chain = { next: chain };
    expect(deepSize(chain)).toBeGreaterThan(200_000 * 24);
  });
});
