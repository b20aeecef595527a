/**
 * `cowlens report` over vitest 5, which needs Node 22.12 or later (server/vitest.config.ts leaves
 * this file out on an older Node): the built CLI runs test-fixtures/runners/vitest5-suite's own
 * vitest 5 in real processes. The suite holds the files of vitest-suite, so the figures are
 * those of vitest 4.1's run (vitest-runner.test.ts).
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { installLockedSuite } from './locked-suites.js';
import { plainNode, REPO, reportOf } from './run-cowlens.js';
import { sitesOf, underDirectory } from './runner-reports.js';
import { expectFailingRunPassesThrough, expectUnsupportedVitestLeftAlone, VITEST_SUITE_SITES } from './vitest-suites.js';

const SUITE_DIR = 'test-fixtures/runners/vitest5-suite';
const SUITE = join(REPO, SUITE_DIR);
const VITEST = join(SUITE, 'node_modules/vitest/vitest.mjs');

describe('cowlens report -- vitest run (vitest 5, its module runner on)', () => {
  // CI installs the suite before the tests, on the Node that runs them (vitest 5 needs 22.12+).
  beforeAll(() => {
    installLockedSuite(SUITE, 'vitest');
  }, 180_000);

  it('the suite runs the vitest 5 it locks, on the Node of these tests', () => {
    const version = plainNode([VITEST, '--version'], { cwd: SUITE });
    expect(version.stdout).toMatch(/^vitest\/5\.\d+\.\d+ .*node-v(22|24)\./m);
  });

  for (const mode of ['observe', 'cow'] as const) {
    it(`${mode} mode, default pool (forks): the test files and the TypeScript they import are instrumented at their own lines`, () => {
      const run = reportOf(['node', VITEST, 'run'], { mode, cwd: SUITE });
      expect(run.status, run.stderr).toBe(0);
      expect(run.report).toMatchObject({ mode, exitCode: 0, complete: true, diagnostics: [] });
      // vitest's main process and one fork per test file.
      expect(run.report.processes).toBe(3);
      expect(sitesOf(run.report)).toEqual(VITEST_SUITE_SITES[mode]);
    });
  }

  it('the threads pool gives the same figures, every worker thread finished', () => {
    const run = reportOf(['node', VITEST, 'run', '--pool', 'threads'], { mode: 'cow', cwd: SUITE });
    expect(run.status, run.stderr).toBe(0);
    expect(run.report).toMatchObject({ complete: true, incomplete: [], diagnostics: [], processes: 3 });
    expect(sitesOf(run.report)).toEqual(VITEST_SUITE_SITES.cow);
  });

  it('run from another directory with --root: paths are relative to the working directory', () => {
    const run = reportOf(['node', VITEST, 'run', '--root', SUITE_DIR], { cwd: REPO });
    expect(run.status, run.stderr).toBe(0);
    expect(sitesOf(run.report)).toEqual(underDirectory(SUITE_DIR, VITEST_SUITE_SITES.observe));
  });

  it("a failing test: vitest's output, its stack trace into the .ts source (past an instrumented copy on the line) and its exit status pass through", () => {
    expectFailingRunPassesThrough(VITEST, SUITE);
  });

  for (const pool of ['vmThreads', 'vmForks'] as const) {
    it(`the ${pool} pool is not supported: its tests run as they are, and cowlens says why on stderr and in the report`, () => {
      const run = reportOf(['node', VITEST, 'run', '--pool', pool], { cwd: SUITE });
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout).toContain('3 passed');
      expect(run.report.sites).toEqual([]);
      const message = `vitest's ${pool} pool runs test files in vm contexts, which cowlens does not support: the test files of the project run uninstrumented (the forks and threads pools are supported)`;
      expect(run.stderr).toContain(`cowlens: warning: ${message}`);
      expect(run.report.diagnostics).toContainEqual(expect.objectContaining({ message }));
    });
  }

  it('a vitest after 5 is left alone, and cowlens says so on stderr', () => {
    // A stand-in for vitest 6 that, like vitest 5, imports vite from a chunk of its dist folder.
    expectUnsupportedVitestLeftAlone({ version: '6.0.0', entry: 'dist/chunks/cli.js', viteVersion: '9.0.0', viteExport: 'resolveConfig' });
  });
});
