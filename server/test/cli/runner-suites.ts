/**
 * What the tests of the runner suites under test-fixtures/runners (one module that copies, two
 * test files) check alike, whichever runner runs them.
 */
import { expect } from 'vitest';
import { plainNode, reportOf } from './run-cowlens.js';
import { linesOf, type SiteFigures, sitesOf, splitCowlensLine } from './runner-reports.js';

export type Mode = 'observe' | 'cow';

export interface FailingSuite {
  /** The runner's arguments after `node`. */
  readonly args: readonly string[];
  readonly cwd: string;
  /** What the runner prints of the failing test's stack trace or code frame, plainly. */
  readonly frame: string;
  /** The figures the failing test adds: the deep copy it makes, and its spread on the failing line. */
  readonly sites: Record<string, Pick<SiteFigures, 'executions'>>;
}

/**
 * With COWLENS_FIXTURE_FAIL a test fails on a line holding a copy: the runner's output (its lines,
 * in any order, as test files finish in parallel), its stack trace or code frame and its exit
 * status must be plain node's, in both modes, and the report complete.
 */
export function expectFailingRunPassesThrough({ args, cwd, frame, sites }: FailingSuite): void {
  const env = { COWLENS_FIXTURE_FAIL: '1', NO_COLOR: '1', FORCE_COLOR: '0' };
  const plain = plainNode(args, { cwd, env });
  expect(plain.status, plain.stderr).toBe(1);
  expect(plain.stdout + plain.stderr).toContain(frame);
  for (const mode of ['observe', 'cow'] as const) {
    const run = reportOf(['node', ...args], { mode, cwd, env });
    expect(run.status, mode).toBe(1);
    expect(linesOf(run.stdout), mode).toEqual(linesOf(plain.stdout));
    const stderr = splitCowlensLine(run.stderr);
    expect(linesOf(stderr.runner), mode).toEqual(linesOf(plain.stderr));
    expect(stderr.cowlens, mode).toMatch(/^cowlens: 5 copy sites, 9 copies, \d+ written, \d+ eager; json report written to /);
    expect(run.report, mode).toMatchObject({ exitCode: 1, complete: true, diagnostics: [] });
    expect(sitesOf(run.report), mode).toMatchObject(sites);
  }
}
