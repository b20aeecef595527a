/**
 * What giving instrumented functions their source as written costs (runtime/function-source.ts):
 * the bytes the edit marks add to a large module's source (the only thing kept per module, inside
 * the script V8 holds anyway), and the time of Function.prototype.toString, the built-in against
 * the replacement, for a function cowlens did not change, a small and a large instrumented one, and
 * the whole of TypeScript's compiler (≈200k lines) as one function. Prints the figures.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { runInThisContext } from 'node:vm';
import { instrumentSource } from '../src/instrument/instrument-source.js';
import { MARK_CLOSE, MARK_OPEN } from '../src/runtime/edit-marks.js';
import { patchFunctionToString } from '../src/runtime/function-source.js';

const file = createRequire(import.meta.url).resolve('typescript/lib/typescript.js');
const text = readFileSync(file, 'utf8');
const instrumented = instrumentSource(file, text);
const body = withoutBindings(instrumented.code);
const marks = body.match(new RegExp(`(?:${escape(MARK_OPEN)}|${escape(MARK_CLOSE)})(?:[^*]|\\*(?!/))*\\*/`, 'g')) ?? [];
const markBytes = marks.reduce((n, m) => n + m.length, 0);
const runs = marks.filter((m) => m.startsWith(MARK_OPEN)).length;
console.log(
  `typescript.js: ${mb(text.length)} as written, ${String(instrumented.sites)} sites and ${String(instrumented.writes)} writes; ` +
    `instrumented ${mb(body.length)}, of which marks ${mb(markBytes)} (${String(runs)} runs, ${(markBytes / runs).toFixed(1)} B a run, ${pct(markBytes, text.length)} of the file; a second copy of the source would be 100 %)`,
);

const small = compiled('function small(xs, o) {\n  const ys = [...xs];\n  o.last = { ...o };\n  return ys.slice(1);\n}');
const large = compiled(`function large(o) {\n${Array.from({ length: 1000 }, (_, i) => `  o.k${String(i)} = [...o.xs].concat({ ...o.m });`).join('\n')}\n}`);
const unchanged = compiled('function unchanged(a, b) {\n  return a + b;\n}');
const whole = runInThisContext(`(function anonymous() {\n${body}\n})`) as () => void;

type ToString = (this: unknown) => string;
const builtin = Object.getOwnPropertyDescriptor(Function.prototype, 'toString')?.value as ToString;
const restore = patchFunctionToString();
const replacement = Object.getOwnPropertyDescriptor(Function.prototype, 'toString')?.value as ToString;
for (const [label, fn, rounds] of [
  ['not instrumented (5 lines)', unchanged, 200_000],
  ['small instrumented (5 lines, 3 runs)', small, 200_000],
  ['large instrumented (1,000 lines, 3,000 runs)', large, 500],
  ['typescript.js as one function', whole, 5],
] as const) {
  const [b, r] = [time(builtin, fn, rounds), time(replacement, fn, rounds)];
  if (replacement.call(fn).includes(MARK_OPEN)) throw new Error(`${label}: marks left`);
  console.log(`toString, ${label}: built-in ${us(b)}, cowlens ${us(r)} (×${(r / b).toFixed(1)})`);
}
restore();

/** An instrumented function, made from its instrumented text (never called: the runtime is not needed). */
function compiled(source: string): (...args: unknown[]) => unknown {
  return runInThisContext(`(${withoutBindings(instrumentSource('/bench/m.js', source).code)})`) as (...args: unknown[]) => unknown;
}

/** Microseconds per call of `toString` on `fn`, best of five batches. */
function time(toString: ToString, fn: unknown, rounds: number): number {
  let best = Infinity;
  for (let batch = 0; batch < 5; batch++) {
    const t = performance.now();
    for (let i = 0; i < rounds; i++) toString.call(fn);
    best = Math.min(best, ((performance.now() - t) * 1000) / rounds);
  }
  return best;
}

/** The module without the bindings cowlens appends after its last line. */
function withoutBindings(code: string): string {
  const at = code.lastIndexOf('\nvar __cl$r');
  return at === -1 ? code : code.slice(0, at);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function mb(n: number): string {
  return `${(n / 1e6).toFixed(2)} MB`;
}

function pct(part: number, whole: number): string {
  return `${((part / whole) * 100).toFixed(1)} %`;
}

function us(n: number): string {
  return n < 1000 ? `${n.toFixed(2)} µs` : `${(n / 1000).toFixed(1)} ms`;
}

