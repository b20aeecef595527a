/**
 * Families of programs that closed issue 14's items 3 and 5 as classes, not instances: each
 * program is instrumented as cowlens's hooks would instrument it and run plainly, in observe mode
 * and in cow mode (every copy it can shared as a view); the three must log the same lines.
 * COWLENS_DIFF_SEED replays a seed; COWLENS_DIFF_SCALE multiplies the number of runs.
 */
import { inspect } from 'node:util';
import * as util from 'node:util';
import * as workerThreads from 'node:worker_threads';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { RUNTIME_KEY } from '../../../src/instrument/module-bindings.js';
import { instrumentSource } from '../../../src/instrument/instrument-source.js';
import { createRuntime, patchCloneGlobals } from '../../../src/runtime/index.js';
import { FAMILY_TIMEOUT, runs, SEED } from './scale.js';
import { inspectProgram, integrityProgram, iterationProgram } from './view-programs.js';
import { collectionBuiltinProgram } from './collection-builtin-programs.js';
import { largeArrayProgram } from './large-array-programs.js';
import { cloneProgram } from './clone-programs.js';


type Mode = 'plain' | 'observe' | 'cow';

function run(source: string, mode: Mode): string[] {
  const lines: string[] = [];
  const log = (...values: unknown[]): void => {
    lines.push(values.map((v) => (typeof v === 'string' ? v : inspect(v))).join(' '));
  };
  const code = mode === 'plain' ? source : instrumentSource('/virtual/program.js', source).code;
  const slot = Symbol.for(RUNTIME_KEY);
  if (mode !== 'plain') (globalThis as Record<symbol, unknown>)[slot] = createRuntime(mode, { minSharedBytes: 0, overlayMinLength: 4 });
  const restore = mode === 'cow' ? patchCloneGlobals() : undefined;
  try {
    // A function body: sloppy unless the program starts with the directive, as a CommonJS module is.
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    const program = new Function('log', 'require', code) as (log: (...values: unknown[]) => void, require: (name: string) => unknown) => void;
    program(log, (name) => (name === 'util' ? util : name === 'worker_threads' ? workerThreads : undefined));
  } catch (error) {
    log(`threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
  } finally {
    restore?.();
    Reflect.deleteProperty(globalThis, slot);
  }
  return lines;
}

function sameInEveryMode(source: string): void {
  const plain = run(source, 'plain');
  for (const mode of ['observe', 'cow'] as const) {
    const lines = run(source, mode);
    const at = lines.findIndex((line, i) => line !== plain[i]);
    if (at >= 0 || lines.length !== plain.length) {
      const i = at >= 0 ? at : Math.min(lines.length, plain.length);
      throw new Error(`${mode} mode logs otherwise than plain JavaScript at line ${String(i + 1)}\n--- program\n${source}\n--- plain\n${plain[i] ?? '<nothing>'}\n--- ${mode}\n${lines[i] ?? '<nothing>'}`);
    }
  }
}

describe('program families: views behave as the plain values they stand for', () => {
  it('Map, Set and array views iterated while written: every iteration API, every mutation, at every step, of the copy or its source', { timeout: FAMILY_TIMEOUT }, () => {
    fc.assert(fc.property(iterationProgram(), sameInEveryMode), { numRuns: runs(1500), ...SEED });
  });

  it('frozen, sealed, non-extensible and read-only views written in strict and sloppy code, by every write form', { timeout: FAMILY_TIMEOUT }, () => {
    fc.assert(fc.property(integrityProgram(), sameInEveryMode), { numRuns: runs(1500), ...SEED });
  });

  it('util.inspect and util.format of views, written, frozen, cyclic, with hidden properties and getters', { timeout: FAMILY_TIMEOUT }, () => {
    fc.assert(fc.property(inspectProgram(), sameInEveryMode), { numRuns: runs(1000), ...SEED });
  });

  it('Map and Set built-ins that read, taken from elsewhere and called on copies; and replaced by the program, counting its calls', { timeout: FAMILY_TIMEOUT }, () => {
    fc.assert(fc.property(collectionBuiltinProgram(), sameInEveryMode), { numRuns: runs(800), ...SEED });
  });

  it('arrays imaged page by page: source and copies written at page borders, by every length change and reordering, between and after copies', { timeout: FAMILY_TIMEOUT }, () => {
    fc.assert(fc.property(largeArrayProgram(), sameInEveryMode), { numRuns: runs(300), ...SEED });
  });

  it('structuredClone and postMessage of views reached through getters (own, nested, a class instance’s, a Map’s, a Set’s, an array element’s), beside what the clone refuses', { timeout: FAMILY_TIMEOUT }, () => {
    fc.assert(fc.property(cloneProgram(), sameInEveryMode), { numRuns: runs(1000), ...SEED });
  });
});
