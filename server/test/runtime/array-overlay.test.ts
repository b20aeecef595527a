/**
 * A view of a large array keeps the elements it writes over the shared array instead of copying
 * it whole: the write costs a slot, not the array, and the view still behaves like the copy.
 */
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { cow, createRuntime, snapshot } from '../../src/runtime/index.js';
import { OVERLAY_MIN_LENGTH } from '../../src/runtime/cow/node-view.js';
import { PAGE_LENGTH } from '../../src/runtime/cow/paged-image.js';

const LENGTH = 10_000;
const items = (): { id: number }[] => Array.from({ length: LENGTH }, (_, i) => ({ id: i }));

describe('element writes over a large shared array', () => {
  it('an element write copies a slot, not the array, and the copy reads as plain JS would', () => {
    const rt = createRuntime('cow');
    const site = rt.site('app.ts', 1, 1, 'array-slice');
    const at = rt.location('app.ts', 2, 1);
    const source = items();
    const copy = rt.slice(site, source) as { id: number }[];
    rt.touch(copy, at)[5] = { id: -5 };
    rt.touch(copy, at)[7] = { id: -7 };
    const plain = source.slice();
    plain[5] = { id: -5 };
    plain[7] = { id: -7 };
    expect(copy).toEqual(plain);
    expect(Object.keys(copy)).toEqual(Object.keys(plain));
    expect([copy.length, 5 in copy, copy.indexOf(source[6]!), JSON.stringify(copy.slice(4, 8))]).toEqual([plain.length, true, 6, JSON.stringify(plain.slice(4, 8))]);
    expect(source[5]).toEqual({ id: 5 });
    const f = rt.accounting.counters.figuresOf(site);
    expect(f.materialized).toBe(1);
    // Two slots and the overlay's header, against 80 kB for the whole array.
    expect(f.copyPoints).toEqual([{ location: at, count: 2, bytes: 56 + 8 + 8 }]);
    expect(f.bytesSaved).toBeGreaterThan(LENGTH * 8 * 0.9);
  });

  it('a source write after the overlay is not seen by the copy, and a push and a pop of it stay in the overlay', () => {
    const rt = createRuntime('cow');
    const site = rt.site('app.ts', 1, 1, 'array-slice');
    const at = rt.location('app.ts', 2, 1);
    const source = items();
    const copy = rt.slice(site, source) as { id: number }[];
    rt.touch(copy, at)[1] = { id: -1 };
    rt.touch(source, at)[2] = { id: -2 };
    expect(copy[2]).toEqual({ id: 2 });
    expect(copy[1]).toEqual({ id: -1 });
    rt.touch(copy, at).push({ id: LENGTH });
    expect(copy.length).toBe(LENGTH + 1);
    expect([copy[1], copy[2], copy[LENGTH]]).toEqual([{ id: -1 }, { id: 2 }, { id: LENGTH }]);
    rt.touch(copy, at).push({ id: LENGTH + 1 });
    expect(rt.touch(copy, at).pop()).toEqual({ id: LENGTH + 1 });
    const plain = [...source];
    plain[1] = { id: -1 };
    plain[2] = { id: 2 };
    plain.push({ id: LENGTH });
    expect([copy.length, Object.keys(copy).length, LENGTH + 1 in copy, JSON.stringify(copy)]).toEqual([plain.length, plain.length, false, JSON.stringify(plain)]);
    // The source's image (its 10 pages), then the overlay's header, two slots and its length: no whole copy of the view.
    expect(rt.accounting.counters.figuresOf(site).bytesCopied).toBeLessThan(LENGTH * 8 + 2000);
  });

  it('snapshots of a cow() array keep the overlay writes made before them, and only those', () => {
    const state = cow(items());
    state[3] = { id: -3 };
    const before = snapshot(state);
    state[4] = { id: -4 };
    expect([before[3], before[4], state[3], state[4]]).toEqual([{ id: -3 }, { id: 4 }, { id: -3 }, { id: -4 }]);
    expect((JSON.parse(JSON.stringify(before)) as unknown[]).slice(2, 5)).toEqual([{ id: 2 }, { id: -3 }, { id: 4 }]);
  });

  it('small arrays are still copied whole at their first write', () => {
    const rt = createRuntime('cow', { minSharedBytes: 0 });
    const site = rt.site('app.ts', 1, 1, 'array-slice');
    const at = rt.location('app.ts', 2, 1);
    const copy = rt.slice(site, Array.from({ length: OVERLAY_MIN_LENGTH - 1 }, (_, i) => i * 1.5)) as number[];
    rt.touch(copy, at)[0] = -1;
    expect(rt.accounting.counters.figuresOf(site).copyPoints[0]!.bytes).toBeGreaterThan((OVERLAY_MIN_LENGTH - 1) * 8);
  });
});

describe('a large array written at its source', () => {
  it('keeps one page an image for the copies made before each write, and each copy reads its own version', () => {
    const rt = createRuntime('cow');
    const site = rt.site('app.ts', 1, 1, 'array-slice');
    const at = rt.location('app.ts', 2, 1);
    const source = items();
    const copies: { id: number }[][] = [];
    const plain: { id: number }[][] = [];
    for (let k = 0; k < 10; k++) {
      copies.push(rt.slice(site, source) as { id: number }[]);
      plain.push(source.slice());
      rt.touch(source, at)[k * 1000] = { id: -k };
    }
    expect(copies).toEqual(plain);
    expect(copies.map((c, k) => c[k * 1000]!.id)).toEqual(plain.map((_, k) => k * 1000));
    const f = rt.accounting.counters.figuresOf(site);
    // The first image copies the array's 10 pages; each later one the page written since, a table of 10 and its proxy (about 300 bytes).
    const whole = LENGTH * 8;
    expect(f.bytesCopied).toBeGreaterThan(whole);
    expect(f.bytesCopied).toBeLessThan(whole + 9 * (PAGE_LENGTH * 8 + 1000));
  });

  it('a push, a pop, a length change and a reversal after each copy copy the pages they change', () => {
    const rt = createRuntime('cow');
    const site = rt.site('app.ts', 1, 1, 'array-spread');
    const at = rt.location('app.ts', 2, 1);
    const source = items();
    const copies: unknown[][] = [];
    const plain: unknown[][] = [];
    const writes = [(a: unknown[]) => a.push({ id: LENGTH }), (a: unknown[]) => a.pop(), (a: unknown[]) => a.push(1, 2), (a: unknown[]) => (a.length = LENGTH - 5), (a: unknown[]) => a.reverse()];
    for (const write of writes) {
      copies.push(rt.arraySpread(site, source));
      plain.push([...source]);
      write(rt.touch(source, at));
    }
    expect(copies).toEqual(plain);
    expect(copies.map((c) => c.length)).toEqual(plain.map((c) => c.length));
    const sizes = rt.accounting.counters.figuresOf(site).copyPoints.map((p) => p.bytes);
    expect(sizes).toHaveLength(1);
    // Whole array once, a page for each of the three length changes, then the whole array again for the reversal.
    expect(sizes[0]).toBeLessThan(2 * LENGTH * 8 + 3 * (PAGE_LENGTH * 8 + 1000));
  });

  it('an image keeps holes, other properties, and reads as the array did through every reflection', () => {
    const rt = createRuntime('cow');
    const site = rt.site('app.ts', 1, 1, 'structured-clone');
    const at = rt.location('app.ts', 2, 1);
    const source: unknown[] = Array.from({ length: 3 * PAGE_LENGTH + 7 }, (_, i) => (i % 3 === 0 ? i : { i }));
    for (let i = 5; i < source.length; i += 700) Reflect.deleteProperty(source, i);
    (source as unknown as { extra: unknown }).extra = { e: 1 };
    const copy = rt.structuredClone<unknown[]>(site, source);
    const plain = structuredClone(source);
    rt.touch(source, at)[PAGE_LENGTH] = 'written';
    rt.touch(source, at).push('pushed');
    expect(Array.isArray(copy)).toBe(true);
    expect(Object.keys(copy)).toEqual(Object.keys(plain));
    expect([5 in copy, Object.hasOwn(copy, 705), copy.length, copy[PAGE_LENGTH]]).toEqual([false, false, plain.length, plain[PAGE_LENGTH]]);
    expect(JSON.stringify(copy)).toBe(JSON.stringify(plain));
    expect(inspect(copy, { maxArrayLength: 8 })).toBe(inspect(plain, { maxArrayLength: 8 }));
    expect(copy).toEqual(plain);
  });
});
