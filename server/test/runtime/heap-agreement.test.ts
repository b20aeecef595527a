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
