import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import type { RunMode } from '../../src/runtime/index.js';
import type { Timing } from '../measure.js';

/**
 * (f) A copy-heavy program (programs/todo-reducer.js) run as written and as the instrumenter
 * rewrites it: the real transform, the real runtime. Each mode is timed in a process of its own,
 * interleaved with the uninstrumented program, as a real run has one mode a process: in one process
 * the two modes would share the runtime's functions and make them polymorphic, and the heap the
 * earlier scenarios leave would weigh on the collections observe mode causes.
 */
const CHILD = new URL('../overhead-run.ts', import.meta.url).pathname;
const tsx = createRequire(import.meta.url).resolve('tsx');

export interface Overhead {
  readonly mode: RunMode;
  /** The uninstrumented program, then the instrumented one, timed side by side in one process. */
  readonly timings: readonly [Timing, Timing];
}

export function observeOverhead(): Overhead[] {
  return (['observe', 'cow'] as const).map((mode) => {
    const out = execFileSync(process.execPath, ['--expose-gc', '--import', tsx, CHILD, mode], { encoding: 'utf8', timeout: 600_000 });
    return { mode, timings: JSON.parse(out) as [Timing, Timing] };
  });
}
