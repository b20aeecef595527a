/**
 * What cow mode's printing patches cost (runtime/patch-inspect-globals.ts, patch-console-format.ts):
 * the time of a console.log, a util.format, a console.table and a `%o` through the built-ins and
 * through the replacements, before any view exists, once views exist, and printing a view (the
 * built-in then prints the Proxy), the best of 7 runs each, taken in turn, written to a stream
 * that drops its output. Prints the figures.
 * Run: node --import tsx server/bench/console-format.ts
 */
import { Writable } from 'node:stream';
import util from 'node:util';
import { createRuntime } from '../src/runtime/create-runtime.js';
import { patchInspectGlobals } from '../src/runtime/patch-inspect-globals.js';

const sink = new Writable({
  write: (_chunk, _encoding, done) => {
    done();
  },
});
const base: Record<string, { i: number }> = {};
for (let i = 0; i < 40; i++) base[`k${String(i)}`] = { i };
const small = { a: 1, b: [1, 2, 3] };
const tabular = [{ a: 1, b: 'x' }, { a: 2, b: 'y' }];

/** Nanoseconds per call of `f`, the best of 7 runs, taken with the built-ins and with the replacements in turn. */
function timeBoth(rounds: number, f: (log: Console) => void): [number, number] {
  const best = [Infinity, Infinity];
  for (let run = 0; run < 14; run++) {
    const patched = run % 2;
    const restore = patched === 1 ? patchInspectGlobals() : undefined;
    // A console binds its methods when made: one made now has the ones in place.
    const log = new console.Console(sink);
    const start = process.hrtime.bigint();
    for (let i = 0; i < rounds; i++) f(log);
    best[patched] = Math.min(best[patched]!, Number(process.hrtime.bigint() - start) / rounds);
    restore?.();
  }
  return [best[0]!, best[1]!];
}

function measure(label: string, view: object): void {
  const rows: [string, (log: Console) => void, number][] = [
    ["console.log('text', 1, small)", (log) => {
      log.log('text', 1, small);
    }, 50_000],
    ["console.log('%o', small)", (log) => {
      log.log('%o', small);
    }, 20_000],
    ["util.format('%s %d', 'a', 1)", () => {
      util.format('%s %d', 'a', 1);
    }, 100_000],
    ['console.table(tabular)', (log) => {
      log.table(tabular);
    }, 5_000],
    ["console.log('%o', view)", (log) => {
      log.log('%o', view);
    }, 1_000],
    ['console.dir(view)', (log) => {
      log.dir(view);
    }, 1_000],
  ];
  for (const [what, f, rounds] of rows) {
    const [builtin, patched] = timeBoth(rounds, f);
    console.log(`${label.padEnd(20)} ${what.padEnd(32)} built-in ${us(builtin)}  patched ${us(patched)}`);
  }
}

function us(ns: number): string {
  return `${(ns / 1000).toFixed(2).padStart(7)} µs`;
}

measure('no view made yet', { ...base });
const rt = createRuntime('cow', { minSharedBytes: 0 });
measure('views exist', rt.objectSpread(rt.site('bench.ts', 1, 1, 'object-spread'), base));
