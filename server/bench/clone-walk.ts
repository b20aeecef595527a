/**
 * What cow mode's structuredClone and postMessage entry costs before the native clone
 * (runtime/unwrap.ts, runtime/cow/clone-image.ts): the walk that tells whether the clone would meet
 * a view, run a getter or refuse something, before any view exists and once views exist, beside
 * the native clone itself and the view-only walk (`toPlain`) the entry ran before it knew getters;
 * and the image made when a getter returns a view. The best of 7 runs each. Prints the figures.
 * Run: node --import tsx server/bench/clone-walk.ts
 */
import { cow } from '../src/runtime/cow/library.js';
import { toPlain } from '../src/runtime/cow/node-view.js';
import { toCloneable } from '../src/runtime/unwrap.js';

const keyed: Record<string, number> = {};
for (let i = 0; i < 1000; i++) keyed[`k${String(i)}`] = i;
const objects = { list: Array.from({ length: 1000 }, (_, i) => ({ i, name: `n${String(i)}` })) };
const native = structuredClone;

/** Microseconds per call of `f`, the best of 7 runs. */
function time(rounds: number, f: () => unknown): number {
  let best = Infinity;
  for (let run = 0; run < 7; run++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < rounds; i++) f();
    best = Math.min(best, Number(process.hrtime.bigint() - start) / rounds / 1000);
  }
  return best;
}

function row(what: string, rounds: number, f: () => unknown): void {
  const us = time(rounds, f);
  console.log(`${what.padEnd(64)} ${(us < 10 ? us.toFixed(3) : us.toFixed(0)).padStart(8)} µs`);
}

row('native structuredClone, 1,000-key object', 2_000, () => native(keyed));
row('native structuredClone, 1,000 small objects', 500, () => native(objects));
row('entry before any view, 1,000-key object', 20_000, () => toCloneable(keyed));
cow({ made: [1, 2, 3] });
row('entry once views exist, 1,000-key object', 2_000, () => toCloneable(keyed));
row('view-only walk (toPlain), 1,000-key object', 2_000, () => toPlain(keyed));
row('entry once views exist, 1,000 small objects', 500, () => toCloneable(objects));
row('view-only walk (toPlain), 1,000 small objects', 500, () => toPlain(objects));
const view = cow({ list: Array.from({ length: 1000 }, (_, i) => i) });
const withGetter = { ...keyed, get g(): unknown {
  return view;
} };
row('image of a 1,000-key object whose getter returns a view', 500, () => toCloneable(withGetter));
row('entry, an object holding a view of 1,000 numbers', 500, () => toCloneable({ view }));
row('view-only walk (toPlain), the same', 500, () => toPlain({ view }));
