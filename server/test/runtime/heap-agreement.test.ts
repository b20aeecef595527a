import { describe, expect, it } from 'vitest';
import { createRuntime } from '../../src/runtime/index.js';

/**
 * Cow mode's bytesSaved is real memory: keep many copies alive, made once eagerly and once by the
 * cow runtime, measure both heaps after full collections, and compare the difference with what
 * the runtime reports it saved.
 */
declare const gc: () => void;

const COPIES = 200;

function state(): { items: { id: number; done: boolean; text: string }[]; meta: { version: number } } {
  return { items: Array.from({ length: 2000 }, (_, i) => ({ id: i, done: false, text: `item ${String(i)}` })), meta: { version: 1 } };
}

/** The plain program: real copies, plain writes, no runtime at all. */
function heapHoldingPlain(): number {
  const source = state();
  for (let i = 0; i < 4; i++) gc();
  const before = process.memoryUsage().heapUsed;
  const kept: ReturnType<typeof state>[] = [];
  for (let i = 0; i < COPIES; i++) {
    const copy = structuredClone(source);
    copy.items[(i * 37) % 2000]!.done = true;
    copy.meta.version = i;
    kept.push(copy);
  }
  for (let i = 0; i < 4; i++) gc();
  expect(kept).toHaveLength(COPIES);
  return process.memoryUsage().heapUsed - before;
}

function heapHoldingCow(): { heap: number; saved: number } {
  const rt = createRuntime('cow');
  const site = rt.site('app.ts', 1, 1, 'structured-clone');
  const at = rt.location('app.ts', 2, 1);
  const source = state();
  for (let i = 0; i < 4; i++) gc();
  const before = process.memoryUsage().heapUsed;
  const kept: unknown[] = [];
  for (let i = 0; i < COPIES; i++) {
    const copy = rt.structuredClone(site, source);
    // A few writes to each copy: cow copies those items (and their path) only.
    rt.set(copy.items[(i * 37) % 2000]!, 'done', true, at);
    rt.set(copy.meta, 'version', i, at);
    kept.push(copy);
  }
  for (let i = 0; i < 4; i++) gc();
  const heap = process.memoryUsage().heapUsed - before;
  expect(kept).toHaveLength(COPIES);
  return { heap, saved: rt.accounting.counters.figuresOf(site).bytesSaved };
}

describe('cow mode saves what it says it saves', () => {
  it('bytesSaved agrees with the heap V8 measures, eager against cow, within 20%', () => {
    const eager = heapHoldingPlain();
    const cow = heapHoldingCow();
    const measuredSaving = eager - cow.heap;
    expect(measuredSaving).toBeGreaterThan(eager / 2);
    const error = Math.abs(cow.saved - measuredSaving) / measuredSaving;
    expect(error, `reported ${String(cow.saved)} B saved, measured ${String(measuredSaving)} B (eager ${String(eager)} B, cow ${String(cow.heap)} B)`).toBeLessThanOrEqual(0.2);
  });
});

const ARRAY_LENGTH = 200_000;
const ARRAY_COPIES = 50;

/** The array row of issue 13: slices of a large array, the source written once after each. */
function heapHoldingArrays(mode: 'plain' | 'cow'): { heap: number; saved: number } {
  const rt = mode === 'cow' ? createRuntime('cow') : undefined;
  const site = rt?.site('app.ts', 1, 1, 'array-slice') ?? 0;
  const at = rt?.location('app.ts', 2, 1) ?? 0;
  const source = Array.from({ length: ARRAY_LENGTH }, (_, i) => ({ i }));
  for (let i = 0; i < 4; i++) gc();
  const before = process.memoryUsage().heapUsed;
  const kept: unknown[] = [];
  for (let i = 0; i < ARRAY_COPIES; i++) {
    kept.push(rt ? rt.slice(site, source) : source.slice());
    const k = (i * 3001) % ARRAY_LENGTH;
    if (rt) rt.set(source, k, { i: -i }, at);
    else source[k] = { i: -i };
  }
  for (let i = 0; i < 4; i++) gc();
  const heap = process.memoryUsage().heapUsed - before;
  expect((kept[0] as { i: number }[])[3001]).toEqual({ i: 3001 });
  return { heap, saved: rt ? rt.accounting.counters.figuresOf(site).bytesSaved : 0 };
}

describe('a large array written at its source keeps pages, not whole images, for its copies', () => {
  it('the copies cost a page a write, and bytesSaved agrees with the heap within 20%', () => {
    const plain = heapHoldingArrays('plain');
    const cow = heapHoldingArrays('cow');
    const measuredSaving = plain.heap - cow.heap;
    expect(cow.heap, `cow ${String(cow.heap)} B against plain ${String(plain.heap)} B`).toBeLessThan(plain.heap * 0.1);
    const error = Math.abs(cow.saved - measuredSaving) / measuredSaving;
    expect(error, `reported ${String(cow.saved)} B saved, measured ${String(measuredSaving)} B`).toBeLessThanOrEqual(0.2);
  });
});
