import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cow, createRuntime, snapshot, toPlain } from '../../src/runtime/index.js';
import { FAMILY_TIMEOUT, runs, SEED } from './differential/scale.js';
import { describeValues, plainJs } from './fuzz/observe-values.js';
import { buildValue, type Op, programArb, runProgram, valueArb } from './fuzz/program.js';

/**
 * Differential tests: random values and random programs, run against plain JavaScript, observe
 * mode and cow mode; every step of the three runs must show the same thing. Cow mode is asked to
 * make a view of every copy it can (no minimum size), so that views are what is tested.
 */
const RUNS = runs(4000);

function differential(value: { root: unknown; links: [number[], number[], number][] }, program: Op[]): void {
  const reference = runProgram(plainJs, buildValue(value), program, describeValues).log;
  const observe = runProgram(createRuntime('observe'), buildValue(value), program, describeValues).log;
  const lazy = runProgram(createRuntime('cow', { minSharedBytes: 0, overlayMinLength: 3 }), buildValue(value), program, describeValues).log;
  for (const [mode, log] of [['observe', observe], ['cow', lazy]] as const) {
    const at = log.findIndex((line, i) => line !== reference[i]);
    if (at >= 0) {
      throw new Error(
        `${mode} mode differs from plain JavaScript at step ${String(at)} (${JSON.stringify(program[at])}):\n  plain: ${reference[at]!}\n  ${mode}: ${log[at]!}`,
      );
    }
  }
}

describe('differential: plain JavaScript, observe mode and cow mode agree', () => {
  it(`on ${String(RUNS)} random programs of copies, writes, deletes, methods and aliases`, () => {
    fc.assert(
      fc.property(valueArb, programArb, (value, program) => {
        differential(value, program);
      }),
      { numRuns: RUNS, ...SEED },
    );
  }, FAMILY_TIMEOUT);

  it(`on ${String(RUNS)} random programs that copy first and then write the source`, () => {
    const copyThenWrite = fc
      .tuple(programArb, programArb)
      .map(([a, b]): Op[] => [{ op: 'copy', kind: 'structuredClone', from: 0, to: 1 }, { op: 'copy', kind: 'objectSpread', from: 0, to: 2 }, ...a, ...b]);
    fc.assert(
      fc.property(valueArb, copyThenWrite, (value, program) => {
        differential(value, program);
      }),
      { numRuns: RUNS, ...SEED },
    );
  }, FAMILY_TIMEOUT);

  it(`on ${String(runs(2000))} chains of cow() and snapshot() against structuredClone`, () => {
    fc.assert(
      fc.property(valueArb, programArb, fc.array(fc.nat(3), { minLength: 1, maxLength: 4 }), (value, program, snapshotsAt) => {
        const start = buildValue(value);
        const plainSteps: string[] = [];
        const cowSteps: string[] = [];
        let plain: unknown = structuredClone(start);
        let lazy: unknown = cow(structuredClone(start) as object);
        const writes = program.filter((op) => op.op === 'set' || op.op === 'delete' || op.op === 'method' || op.op === 'length');
        for (const [i, op] of writes.entries()) {
          if (snapshotsAt.includes(i)) {
            const keptPlain = plain;
            plain = structuredClone(plain);
            const keptLazy = lazy;
            lazy = snapshot(lazy as object);
            plainSteps.push(describeValues([keptPlain]));
            cowSteps.push(describeValues([keptLazy]));
          }
          runProgram(plainJs, plain, [op], () => '');
          runProgram(plainJs, lazy, [op], () => '');
          plainSteps.push(describeValues([plain]));
          cowSteps.push(describeValues([lazy]));
        }
        expect(cowSteps).toEqual(plainSteps);
        expect(describeValues([toPlain(lazy)])).toBe(describeValues([plain]));
      }),
      { numRuns: runs(2000), ...SEED },
    );
  }, FAMILY_TIMEOUT);
});
