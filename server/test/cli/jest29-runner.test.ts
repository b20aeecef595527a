/**
 * `cowlens report` over jest 29, still the most installed jest: the built CLI runs
 * test-fixtures/runners/jest29-suite's own jest 29 in real processes, in band and with worker
 * processes and threads, through its default babel-jest transform (babel-jest/) and through
 * ts-jest (ts-jest/). The folders hold the files of jest-suite and ts-jest-suite, so the figures
 * are those of jest 30's runs (jest-runner.test.ts).
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { failingJestSuite, freshJestCache, JEST_SUITE_SITES, TS_JEST_SUITE_SITES } from './jest-suites.js';
import { installLockedSuite } from './locked-suites.js';
import { plainNode, REPO, reportOf } from './run-cowlens.js';
import { sitesOf } from './runner-reports.js';
import { expectFailingRunPassesThrough } from './runner-suites.js';

const SUITE = join(REPO, 'test-fixtures/runners/jest29-suite');
const BABEL_SUITE = join(SUITE, 'babel-jest');
const TS_SUITE = join(SUITE, 'ts-jest');
const JEST = join(SUITE, 'node_modules/jest/bin/jest.js');

describe('cowlens report -- jest (jest 29)', () => {
  // One install from the lockfile serves every Node the tests run on: jest 29 runs on 20, 22 and 24.
  beforeAll(() => {
    installLockedSuite(SUITE, 'jest');
  }, 180_000);

  it('the suite runs the jest 29 it locks', () => {
    expect(plainNode([JEST, '--version'], { cwd: BABEL_SUITE }).stdout).toBe('29.7.0\n');
  });

  for (const mode of ['observe', 'cow'] as const) {
    it(`${mode} mode, in band: the test files and the modules they require are instrumented, each test file's context with a runtime of its own`, () => {
      // The suite checks that `[...xs]` gives an array of the test's own realm (toStrictEqual, Array.prototype).
      const run = reportOf(['node', JEST, '--runInBand', ...freshJestCache()], { mode, cwd: BABEL_SUITE });
      expect(run.status, run.stderr).toBe(0);
      expect(run.stderr).toContain('Tests:       1 skipped, 3 passed, 4 total');
      expect(run.report).toMatchObject({ mode, exitCode: 0, complete: true, incomplete: [], diagnostics: [] });
      expect(sitesOf(run.report)).toEqual(JEST_SUITE_SITES[mode]);
    });
  }

  for (const [mode, pool] of [
    ['observe', ['--maxWorkers=2']],
    ['cow', ['--maxWorkers=2', '--workerThreads']],
  ] as const) {
    it(`${mode} mode, jest ${pool.join(' ')}: the workers' figures are merged, the same`, () => {
      const run = reportOf(['node', JEST, ...pool, ...freshJestCache()], { mode, cwd: BABEL_SUITE });
      expect(run.status, run.stderr).toBe(0);
      expect(run.stderr).toContain('Tests:       1 skipped, 3 passed, 4 total');
      expect(run.report).toMatchObject({ complete: true, incomplete: [], diagnostics: [] });
      // jest and its two test workers (processes or threads), and (with a fresh cache) the workers that build its file map.
      expect(run.report.processes).toBeGreaterThanOrEqual(3);
      expect(sitesOf(run.report)).toEqual(JEST_SUITE_SITES[mode]);
    });
  }

  for (const mode of ['observe', 'cow'] as const) {
    it(`${mode} mode, ts-jest type-checking under a strict tsconfig: the instrumented TypeScript type-checks, its sites at the lines and columns of the .ts`, () => {
      const run = reportOf(['node', JEST, ...freshJestCache()], { mode, cwd: TS_SUITE });
      expect(run.status, run.stderr).toBe(0);
      expect(run.stderr).toContain('Tests:       2 passed, 2 total');
      expect(run.report).toMatchObject({ complete: true, incomplete: [], diagnostics: [] });
      expect(sitesOf(run.report)).toEqual(TS_JEST_SUITE_SITES);
    });
  }

  it("a failing test: jest's output, its stack trace and code frame (past an instrumented copy on the line) and its exit status pass through", () => {
    expectFailingRunPassesThrough(failingJestSuite(JEST, BABEL_SUITE));
  });
});
