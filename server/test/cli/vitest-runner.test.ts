/**
 * `cowlens report` over vitest as users run it, module runner and all: the built CLI runs the
 * repository's own vitest on test-fixtures/runners/vitest-suite in real processes.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, reportOf } from './run-cowlens.js';
import { sitesOf, underDirectory } from './runner-reports.js';
import { expectFailingRunPassesThrough, expectUnsupportedVitestLeftAlone, VITEST_SUITE_SITES } from './vitest-suites.js';

const SUITE = join(REPO, 'test-fixtures/runners/vitest-suite');
const VITEST = join(REPO, 'node_modules/vitest/vitest.mjs');

describe('cowlens report -- vitest run (vitest 4.1, its module runner on)', () => {
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
    const run = reportOf(['node', VITEST, 'run', '--pool', 'threads'], { cwd: SUITE });
    expect(run.status, run.stderr).toBe(0);
    expect(run.report).toMatchObject({ complete: true, incomplete: [], processes: 3 });
    expect(sitesOf(run.report)).toEqual(VITEST_SUITE_SITES.observe);
  });

  it('npx vitest run from another directory: paths are relative to the working directory', () => {
    const run = reportOf(['npx', 'vitest', 'run', '--root', 'test-fixtures/runners/vitest-suite'], { mode: 'cow', cwd: REPO });
    expect(run.status, run.stderr).toBe(0);
    expect(sitesOf(run.report)).toEqual(underDirectory('test-fixtures/runners/vitest-suite', VITEST_SUITE_SITES.cow));
  });

  it("a failing test: vitest's output, its stack trace into the .ts source (past an instrumented copy on the line) and its exit status pass through", () => {
    expectFailingRunPassesThrough(VITEST, SUITE);
  });

  it("vitest.config.ts in a CommonJS package, which vite compiles itself: the config file is vite's, not code under test, and the run is complete", () => {
    const run = reportOf(['node', VITEST, 'run'], { cwd: join(REPO, 'test-fixtures/runners/vitest-config-ts-suite') });
    expect(run.status, run.stderr).toBe(0);
    expect(run.report).toMatchObject({ complete: true, incomplete: [], diagnostics: [] });
    expect(run.stderr).not.toContain('cowlens: warning');
    expect(sitesOf(run.report)).toEqual({ 'test/copy.test.ts:5:10 array-spread': { executions: 1, materialized: 0, eager: 1, copyPoints: [] } });
  });

  it('the vm pools are not supported: their tests run as they are, and cowlens says why on stderr', () => {
    const run = reportOf(['node', VITEST, 'run', '--pool', 'vmThreads'], { cwd: SUITE });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('3 passed');
    expect(run.report.sites).toEqual([]);
    expect(run.stderr).toContain("cowlens: warning: vitest's vmThreads pool runs test files in vm contexts, which cowlens does not support");
  });

  it('another vitest major is left alone, and cowlens says so on stderr', () => {
    // A stand-in for vitest 3 that, like vitest, imports vite from its dist folder.
    expectUnsupportedVitestLeftAlone({ version: '3.2.4', entry: 'dist/cli.js', viteVersion: '7.0.0', viteExport: 'createServer' });
  });
});
