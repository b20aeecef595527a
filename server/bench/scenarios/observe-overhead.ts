import { readFileSync } from 'node:fs';
import { compileFunction } from 'node:vm';
import { RUNTIME_KEY } from '../../src/instrument/preamble.js';
import { instrumentSource } from '../../src/instrument/instrument-source.js';
import { createRuntime, type Mode } from '../../src/runtime/index.js';
import { type Contender, time, type Timing } from '../measure.js';

/**
 * (f) A copy-heavy program (programs/todo-reducer.js) run as written, and as the instrumenter
 * rewrites it, in observe mode and in cow mode: the real transform, the real runtime.
 */
const PROGRAM = new URL('../programs/todo-reducer.js', import.meta.url);

type Program = () => unknown;

function load(mode: Mode | 'plain'): Program {
  const text = readFileSync(PROGRAM, 'utf8');
  if (mode === 'plain') return (compileFunction(text) as () => Program)();
  const { code } = instrumentSource(PROGRAM.pathname, text);
  const runtime = createRuntime(mode);
  const slot = Symbol.for(RUNTIME_KEY);
  // Each program finds its own runtime: the global slot is set around each call.
  const program = compileFunction(code) as () => Program;
  (globalThis as Record<symbol, unknown>)[slot] = runtime;
  const run = program();
  return () => {
    (globalThis as Record<symbol, unknown>)[slot] = runtime;
    return run();
  };
}

export function observeOverhead(): Timing[] {
  const plain = load('plain');
  const observe = load('observe');
  const cow = load('cow');
  const check = JSON.stringify(plain());
  if (JSON.stringify(observe()) !== check || JSON.stringify(cow()) !== check) throw new Error('the instrumented program computed something else');
  const contenders: Contender[] = [
    { name: 'uninstrumented', op: plain },
    { name: 'observe mode', op: observe },
    { name: 'cow mode', op: cow },
  ];
  return time(contenders, () => 3);
}
