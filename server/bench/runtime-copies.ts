/**
 * What one copy costs in the runtime, written into once, copy kind by copy kind, in observe and
 * cow mode: the paths the runtime runs while a program runs (copy site, write barrier, deep walks,
 * figures), which call the built-ins as they were at load (captured-namespaces.ts,
 * captured-intrinsics.ts). The real transform and the real runtime, one mode a process; the best of
 * 7 runs. Prints nanoseconds per copy.
 * Run: node --import tsx server/bench/runtime-copies.ts [observe|cow]
 */
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { compileFunction } from 'node:vm';
import { RUNTIME_KEY } from '../src/instrument/module-bindings.js';
import { instrumentSource } from '../src/instrument/instrument-source.js';
import { createRuntime, type RunMode } from '../src/runtime/index.js';

const PROGRAM = `
const base = {}; for (let i = 0; i < 100; i++) base['k' + i] = { i, list: [i, i + 1] };
const points = Array.from({ length: 1000 }, (_, i) => ({ i }));
const small = { a: 1, b: 2, c: 3 };
return {
  'object spread, 100 keys': () => { const c = { ...base }; c.k0 = 1; return c; },
  'object spread, 3 keys': () => { const c = { ...small }; c.a = 2; return c; },
  'structuredClone, 100 nodes': () => { const c = structuredClone(base); c.k1.i = 2; return c; },
  'JSON round trip, 100 nodes': () => { const c = JSON.parse(JSON.stringify(base)); c.k2.list.push(3); return c; },
  'slice, 1,000 elements': () => { const c = points.slice(); c.push(1); return c; },
  'Object.assign, 100 keys': () => { const c = Object.assign({}, base); c.k3 = 4; return c; },
  'rest, 100 keys': () => { const { k0, ...c } = base; c.k4 = 5; return c; },
};
`;

function run(mode: RunMode): void {
  const { code } = instrumentSource('/bench/runtime-copies.js', PROGRAM);
  (globalThis as Record<symbol, unknown>)[Symbol.for(RUNTIME_KEY)] = createRuntime(mode);
  const cases = (compileFunction(code) as () => Record<string, () => unknown>)();
  for (const [what, copy] of Object.entries(cases)) {
    const rounds = 2_000;
    let best = Infinity;
    for (let r = 0; r < 7; r++) {
      const start = process.hrtime.bigint();
      for (let i = 0; i < rounds; i++) copy();
      best = Math.min(best, Number(process.hrtime.bigint() - start) / rounds);
    }
    console.log(`${mode.padEnd(8)} ${what.padEnd(30)} ${best.toFixed(0).padStart(8)} ns/copy`);
  }
}

const mode = process.argv[2];
if (mode === 'observe' || mode === 'cow') run(mode);
else {
  const tsx = createRequire(import.meta.url).resolve('tsx');
  for (const each of ['observe', 'cow']) process.stdout.write(execFileSync(process.execPath, ['--import', tsx, new URL(import.meta.url).pathname, each], { encoding: 'utf8' }));
}
