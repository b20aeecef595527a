/**
 * A view of a large array keeps the elements it writes over the shared array instead of copying
 * it whole: the write costs a slot, not the array, and the view still behaves like the copy.
 */
import { describe, expect, it } from 'vitest';
import { cow, createRuntime, snapshot } from '../../src/runtime/index.js';
import { OVERLAY_MIN_LENGTH } from '../../src/runtime/cow/node-view.js';

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

  it('a source write after the overlay is not seen by the copy, and a push copies the whole array', () => {
    const rt = createRuntime('cow');
    const site = rt.site('app.ts', 1, 1, 'array-spread');
    const at = rt.location('app.ts', 2, 1);
    const source = items();
    const copy = rt.arraySpread(site, source) as { id: number }[];
    rt.touch(copy, at)[1] = { id: -1 };
    rt.touch(source, at)[2] = { id: -2 };
    expect(copy[2]).toEqual({ id: 2 });
    expect(copy[1]).toEqual({ id: -1 });
    rt.touch(copy, at).push({ id: LENGTH });
    expect(copy.length).toBe(LENGTH + 1);
    expect([copy[1], copy[2], copy[LENGTH]]).toEqual([{ id: -1 }, { id: 2 }, { id: LENGTH }]);
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
