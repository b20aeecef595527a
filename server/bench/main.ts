/**
 * `npm run bench`: every scenario side by side in one process ((f) in one a mode, (g) in one a run), a table of medians and ratios,
 * and whether each target of the foundation issue is met. `--json <file>` also writes the figures.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import './immer.js';
import type { Timing } from './measure.js';
import { deepUpdate } from './scenarios/deep-update.js';
import { observeOverhead } from './scenarios/observe-overhead.js';
import { readLoop } from './scenarios/reads.js';
import { reduxStore, ROUNDS as G_ROUNDS } from './scenarios/redux-store.js';
import { mapAndSet, pushOne } from './scenarios/small-updates.js';
import { versionsHeap } from './scenarios/versions-heap.js';

const { values } = parseArgs({ options: { json: { type: 'string' } } });

const byName = (timings: readonly Timing[], name: string): number => {
  const found = timings.find((t) => t.name === name);
  if (!found) throw new Error(`no timing named ${name}`);
  return found.micros;
};

function table(title: string, timings: readonly Timing[], reference: string): void {
  const ref = byName(timings, reference);
  console.log(`\n${title}`);
  for (const t of timings) {
    const shown = t.micros >= 1000 ? `${(t.micros / 1000).toFixed(2)} ms` : `${t.micros.toFixed(2)} µs`;
    console.log(`  ${t.name.padEnd(38)} ${shown.padStart(11)}   ×${(t.micros / ref).toFixed(2)} vs ${reference}`);
  }
}

console.log(`cowlens benchmarks — Node ${process.version}, ${new Date().toISOString()}`);
const a = deepUpdate();
table('(a) deep copy of a 10,000-item state plus one nested write', a, 'Mutative create');
const b = versionsHeap();
console.log('\n(b) 200 successive versions kept alive, one write each (heap after gc)');
const immerMB = b.find((x) => x.name === 'Immer produce')!.megabytes;
for (const x of b) console.log(`  ${x.name.padEnd(38)} ${x.megabytes.toFixed(2).padStart(8)} MB   ×${(x.megabytes / immerMB).toFixed(3)} vs Immer`);
const c = pushOne();
table('(c) push onto a 10,000-item array', c, 'hand-written spread');
const d = mapAndSet();
table('(d) a Map and a Set update (1,000 entries each)', d, 'hand-written new Map/new Set');
const e = readLoop();
table('(e) read-heavy loop over 10,000 items', e, 'plain reads');
const f = observeOverhead();
for (const { mode, timings } of f) table(`(f) a reducer applying 20,000 actions, ${mode} mode (a process of its own)`, timings, 'uninstrumented');
const fObserve = f.find((x) => x.mode === 'observe')!.timings;
const fCow = f.find((x) => x.mode === 'cow')!.timings;
const g = reduxStore();
table(`(g) a Redux Toolkit store, 50,000 actions, its packages and immer instrumented (each run a process; best of ${String(G_ROUNDS)}; checksum ${g.checksum} in all)`, g.timings, 'uninstrumented');

const cowA = byName(a, 'cowlens snapshot');
const cowCloneA = byName(a, 'cowlens structuredClone (cow mode)');
const cowMB = b.find((x) => x.name === 'cowlens snapshot')!.megabytes;
/** A target that `measured` meets when it is at most `limit` (a ratio), shown with the ratio. */
const atMost = (name: string, measured: number, limit: number): [string, boolean, string] => [name, measured <= limit, `×${measured.toFixed(2)}`];
const targets: [string, boolean, string][] = [
  ['(a) no slower than Mutative', cowA <= byName(a, 'Mutative create'), `${cowA.toFixed(2)} µs vs ${byName(a, 'Mutative create').toFixed(2)} µs`],
  atMost('(a) cow-mode structuredClone ≤ Mutative (issue 13.7)', cowCloneA / byName(a, 'Mutative create'), 1),
  ['(a) ≥1000× faster than structuredClone', byName(a, 'structuredClone') / cowA >= 1000, `×${(byName(a, 'structuredClone') / cowA).toFixed(0)}`],
  ['(b) no more heap than Immer', cowMB <= immerMB, `${cowMB.toFixed(2)} MB vs ${immerMB.toFixed(2)} MB`],
  ['(b) aim: a tenth of Immer', cowMB <= immerMB / 10, `×${(cowMB / immerMB).toFixed(3)}`],
  ['(e) reads within 8× plain', byName(e, 'cowlens view') / byName(e, 'plain reads') <= 8, `×${(byName(e, 'cowlens view') / byName(e, 'plain reads')).toFixed(1)}`],
  atMost('(c) push ≤ 2× hand-written (issue 13.5)', byName(c, 'cowlens snapshot') / byName(c, 'hand-written spread'), 2),
  atMost('(f) observe ≤ 1.5× uninstrumented (issue 13.7)', byName(fObserve, 'observe mode') / byName(fObserve, 'uninstrumented'), 1.5),
  atMost('(f) cow ≤ 3× uninstrumented (issue 13.7)', byName(fCow, 'cow mode') / byName(fCow, 'uninstrumented'), 3),
  atMost('(g) Redux Toolkit: cow ≤ 3× plain (issue 13.7)', byName(g.timings, 'cow mode') / byName(g.timings, 'uninstrumented'), 3),
];
console.log('\nTargets');
for (const [name, met, figure] of targets) console.log(`  ${met ? 'met    ' : 'NOT met'}  ${name.padEnd(52)} ${figure}`);

if (values.json) {
  writeFileSync(values.json, JSON.stringify({ node: process.version, date: new Date().toISOString(), a, b, c, d, e, f, g, targets }, null, 2));
}
