/**
 * `cowlens report` over jest as users run it: the built CLI runs the repository's jest (30, its
 * default babel-jest transform and node environment) on test-fixtures/runners/jest-suite in real
 * processes, in band and with worker processes and threads, and with ts-jest on ts-jest-suite;
 * a jest before 29 is refused loudly (jest 29 has its own suite: jest29-runner.test.ts).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { failingJestSuite, freshJestCache, JEST_SUITE_SITES, TS_JEST_SUITE_SITES } from './jest-suites.js';
import { REPO, reportOf } from './run-cowlens.js';
import { sitesOf } from './runner-reports.js';
import { expectFailingRunPassesThrough } from './runner-suites.js';
import { escapeRegExp } from './uninstrumented-runs.js';

const SUITE = join(REPO, 'test-fixtures/runners/jest-suite');
const TS_SUITE = join(REPO, 'test-fixtures/runners/ts-jest-suite');
const JEST = join(REPO, 'node_modules/jest/bin/jest.js');

describe('cowlens report -- jest (jest 30)', () => {
  for (const mode of ['observe', 'cow'] as const) {
    it(`${mode} mode, npx jest: the test files and the modules they require are instrumented, each test file's context with a runtime of its own`, () => {
      // The suite checks that `[...xs]` gives an array of the test's own realm (toStrictEqual, Array.prototype).
      const run = reportOf(['npx', 'jest', ...freshJestCache()], { mode, cwd: SUITE });
      expect(run.status, run.stderr).toBe(0);
      expect(run.stderr).toContain('Tests:       1 skipped, 3 passed, 4 total');
      expect(run.report).toMatchObject({ mode, exitCode: 0, complete: true, diagnostics: [] });
      expect(sitesOf(run.report)).toEqual(JEST_SUITE_SITES[mode]);
    });
  }

  for (const pool of [['--maxWorkers=2'], ['--maxWorkers=2', '--workerThreads']]) {
    it(`jest ${pool.join(' ')}: the workers' figures are merged, the same`, () => {
      const run = reportOf(['node', JEST, ...pool, ...freshJestCache()], { cwd: SUITE });
      expect(run.status, run.stderr).toBe(0);
      expect(run.report).toMatchObject({ complete: true, incomplete: [] });
      // jest, its two test workers, and (with a fresh cache) the workers that build its file map.
      expect(run.report.processes).toBeGreaterThanOrEqual(3);
      expect(sitesOf(run.report)).toEqual(JEST_SUITE_SITES.observe);
    });
  }

  for (const mode of ['observe', 'cow'] as const) {
    it(`${mode} mode, ts-jest type-checking under a strict tsconfig: the instrumented TypeScript type-checks, its sites at the lines and columns of the .ts`, () => {
      const run = reportOf(['node', JEST, ...freshJestCache()], { mode, cwd: TS_SUITE });
      expect(run.status, run.stderr).toBe(0);
      expect(run.stderr).toContain('Tests:       3 passed, 3 total');
      expect(run.report).toMatchObject({ complete: true, diagnostics: [] });
      expect(sitesOf(run.report)).toEqual(TS_JEST_SUITE_SITES);
    });
  }

  it('npm test that runs jest', () => {
    const run = reportOf(['npm', 'test', '--silent', '--', ...freshJestCache()], { mode: 'cow', cwd: SUITE });
    expect(run.status, run.stderr).toBe(0);
    expect(sitesOf(run.report)).toEqual(JEST_SUITE_SITES.cow);
  });

  it("a failing test: jest's output, its stack trace and code frame (past an instrumented copy on the line) and its exit status pass through", () => {
    expectFailingRunPassesThrough(failingJestSuite(JEST, SUITE));
  });

  it('a jest before 29 is left alone, and cowlens says so on stderr', () => {
    // A stand-in for jest 28's runtime package, required by name as jest-runner requires it.
    const dir = mkdtempSync(join(tmpdir(), 'cowlens-old-jest-'));
    const write = (path: string, text: string): void => {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    };
    write('node_modules/jest-runtime/package.json', '{ "name": "jest-runtime", "version": "28.1.3", "main": "build/index.js" }');
    write('node_modules/jest-runtime/build/index.js', 'exports.default = class Runtime {};\n');
    write('main.cjs', "console.log(require('jest-runtime').default.name);\n");
    const run = reportOf(['node', 'main.cjs'], { cwd: dir });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toBe('Runtime\n');
    const reason = 'jest-runtime 28.1.3 is not supported (cowlens instruments the test files of jest 29 and 30): its test files run uninstrumented';
    expect(run.stderr).toMatch(new RegExp(`^cowlens: warning: process pid \\d+ \\(node main\\.cjs\\) ran project code that cowlens did not instrument: ${escapeRegExp(reason)}`, 'm'));
    expect(run.report.complete).toBe(false);
    expect(run.report.diagnostics).toContainEqual(expect.objectContaining({ severity: 'warning', message: expect.stringContaining(reason) as string }));
  });
});
