/**
 * The child process of benchmark (f): times programs/todo-reducer.js uninstrumented and in the
 * mode given as its argument, interleaved, and prints the two timings as JSON.
 */
import { readFileSync } from 'node:fs';
import { compileFunction } from 'node:vm';
import { RUNTIME_KEY } from '../src/instrument/module-bindings.js';
import { instrumentSource } from '../src/instrument/instrument-source.js';
import { createRuntime, type RunMode } from '../src/runtime/index.js';
import { time } from './measure.js';

const PROGRAM = new URL('programs/todo-reducer.js', import.meta.url).pathname;

type Program = () => unknown;

function load(mode: RunMode | 'plain'): Program {
  const text = readFileSync(PROGRAM, 'utf8');
  if (mode === 'plain') return (compileFunction(text) as () => Program)();
  const { code } = instrumentSource(PROGRAM, text);
  (globalThis as Record<symbol, unknown>)[Symbol.for(RUNTIME_KEY)] = createRuntime(mode);
  return (compileFunction(code) as () => Program)();
}

const mode = process.argv[2];
if (mode !== 'observe' && mode !== 'cow') throw new Error(`usage: overhead-run.ts observe|cow (got ${String(mode)})`);
const plain = load('plain');
const instrumented = load(mode);
if (JSON.stringify(instrumented()) !== JSON.stringify(plain())) throw new Error(`the program computed something else in ${mode} mode`);
const timings = time(
  [
    { name: 'uninstrumented', op: plain },
    { name: `${mode} mode`, op: instrumented },
  ],
  () => 3,
);
process.stdout.write(JSON.stringify(timings));
