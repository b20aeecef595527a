/**
 * `cowlens report` over jest as users run it: the built CLI runs the repository's jest (30, its
 * default babel-jest transform and node environment) on test-fixtures/runners/jest-suite in real
 * processes, in band and with worker processes and threads, and with ts-jest on ts-jest-suite.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { plainNode, REPO, reportOf } from './run-cowlens.js';
import { linesOf, sitesOf, splitCowlensLine } from './runner-reports.js';
import { escapeRegExp } from './uninstrumented-runs.js';

const SUITE = join(REPO, 'test-fixtures/runners/jest-suite');
const TS_SUITE = join(REPO, 'test-fixtures/runners/ts-jest-suite');
const JEST = join(REPO, 'node_modules/jest/bin/jest.js');

/**
 * jest's options for a run of its own: a fresh cache, so that neither its transform cache nor
 * its timings of earlier runs (which make it run a fast suite in band) answer for this run.
 */
const fresh = (): string[] => ['--cacheDirectory', mkdtempSync(join(tmpdir(), 'cowlens-jest-cache-'))];

// jest's `expect` is a global, not a binding imported from a package: handing a copy to it is no
// write, unlike vitest's imported `expect`.
const EXPECTED = {
  observe: {
    'src/inventory.js:5:16 array-slice': { executions: 3, materialized: 2, copyPoints: ['src/inventory.js:7:19 ×2'] },
    'src/inventory.js:7:33 object-spread': { executions: 2, materialized: 2, copyPoints: ['src/inventory.js:7:33 ×2'] },
    'src/inventory.js:13:10 structured-clone': { executions: 1, materialized: 1, copyPoints: ['test/snapshot.test.js:8:3 ×1'] },
    'test/snapshot.test.js:6:18 array-spread': { executions: 1, materialized: 1, copyPoints: ['test/snapshot.test.js:7:3 ×1'] },
  },
  // The shelf's copy (200 items) is shared until restock writes it; the other copies are smaller
  // than a view and made eagerly, private from the start.
  cow: {
    'src/inventory.js:5:16 array-slice': { executions: 3, materialized: 2, copyPoints: ['src/inventory.js:7:19 ×2'] },
    'src/inventory.js:7:33 object-spread': { executions: 2, materialized: 2, copyPoints: ['src/inventory.js:7:33 ×2'] },
    'src/inventory.js:13:10 structured-clone': { executions: 1, materialized: 1, copyPoints: [] },
    'test/snapshot.test.js:6:18 array-spread': { executions: 1, materialized: 1, copyPoints: [] },
  },
};

describe('cowlens report -- jest (jest 30)', () => {
  for (const mode of ['observe', 'cow'] as const) {
    it(`${mode} mode, npx jest: the test files and the modules they require are instrumented, each test file's context with a runtime of its own`, () => {
      // The suite checks that `[...xs]` gives an array of the test's own realm (toStrictEqual, Array.prototype).
      const run = reportOf(['npx', 'jest', ...fresh()], { mode, cwd: SUITE });
      expect(run.status, run.stderr).toBe(0);
      expect(run.stderr).toContain('Tests:       1 skipped, 3 passed, 4 total');
      expect(run.report).toMatchObject({ mode, exitCode: 0, complete: true, diagnostics: [] });
      expect(sitesOf(run.report)).toEqual(EXPECTED[mode]);
    });
  }

  for (const pool of [['--maxWorkers=2'], ['--maxWorkers=2', '--workerThreads']]) {
    it(`jest ${pool.join(' ')}: the workers' figures are merged, the same`, () => {
      const run = reportOf(['node', JEST, ...pool, ...fresh()], { cwd: SUITE });
      expect(run.status, run.stderr).toBe(0);
      expect(run.report).toMatchObject({ complete: true, incomplete: [] });
      // jest, its two test workers, and (with a fresh cache) the workers that build its file map.
      expect(run.report.processes).toBeGreaterThanOrEqual(3);
      expect(sitesOf(run.report)).toEqual(EXPECTED.observe);
    });
  }

  for (const mode of ['observe', 'cow'] as const) {
    it(`${mode} mode, ts-jest type-checking under a strict tsconfig: the instrumented TypeScript type-checks, its sites at the lines and columns of the .ts`, () => {
      const run = reportOf(['node', JEST, ...fresh()], { mode, cwd: TS_SUITE });
      expect(run.status, run.stderr).toBe(0);
      expect(run.stderr).toContain('Tests:       2 passed, 2 total');
      expect(run.report).toMatchObject({ complete: true, diagnostics: [] });
      expect(sitesOf(run.report)).toEqual({
        'src/inventory.ts:8:16 array-slice': { executions: 1, materialized: 1, copyPoints: ['src/inventory.ts:10:19 ×1'] },
        'src/inventory.ts:10:33 object-spread': { executions: 1, materialized: 1, copyPoints: ['src/inventory.ts:10:33 ×1'] },
        'src/inventory.ts:16:10 structured-clone': { executions: 1, materialized: 1, copyPoints: mode === 'observe' ? ['test/inventory.test.ts:15:3 ×1'] : [] },
        'test/inventory.test.ts:9:10 array-spread': { executions: 1, materialized: 0, copyPoints: [] },
      });
    });
  }

  it('npm test that runs jest', () => {
    const run = reportOf(['npm', 'test', '--silent', '--', ...fresh()], { mode: 'cow', cwd: SUITE });
    expect(run.status, run.stderr).toBe(0);
    expect(sitesOf(run.report)).toEqual(EXPECTED.cow);
  });

  it("a failing test: jest's output, its stack trace and code frame (past an instrumented copy on the line) and its exit status pass through", () => {
    const env = { COWLENS_FIXTURE_FAIL: '1', NO_COLOR: '1' };
    const plain = plainNode([JEST, '--runInBand', ...fresh()], { cwd: SUITE, env });
    expect(plain.status).toBe(1);
    expect(plain.stderr).toContain('at Object.toEqual (test/snapshot.test.js:15:42)');
    for (const mode of ['observe', 'cow'] as const) {
      const run = reportOf(['node', JEST, '--runInBand', ...fresh()], { mode, cwd: SUITE, env });
      expect(run.status, mode).toBe(1);
      expect(run.stdout, mode).toBe(plain.stdout);
      const stderr = splitCowlensLine(run.stderr);
      expect(linesOf(stderr.runner), mode).toEqual(linesOf(plain.stderr));
      expect(stderr.cowlens, mode).toMatch(/^cowlens: 5 copy sites, 9 copies, \d+ written; json report written to /);
      expect(run.report, mode).toMatchObject({ exitCode: 1, complete: true });
      expect(sitesOf(run.report), mode).toMatchObject({
        'src/inventory.js:13:10 structured-clone': { executions: 2 },
        'test/snapshot.test.js:15:10 object-spread': { executions: 1 },
      });
    }
  });

  it('another jest major is left alone, and cowlens says so on stderr', () => {
    // A stand-in for jest 29's runtime package, required by name as jest-runner requires it.
    const dir = mkdtempSync(join(tmpdir(), 'cowlens-old-jest-'));
    const write = (path: string, text: string): void => {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    };
    write('node_modules/jest-runtime/package.json', '{ "name": "jest-runtime", "version": "29.7.0", "main": "build/index.js" }');
    write('node_modules/jest-runtime/build/index.js', 'exports.default = class Runtime {};\n');
    write('main.cjs', "console.log(require('jest-runtime').default.name);\n");
    const run = reportOf(['node', 'main.cjs'], { cwd: dir });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toBe('Runtime\n');
    const reason = 'jest-runtime 29.7.0 is not supported (cowlens instruments the test files of jest 30): its test files run uninstrumented';
    expect(run.stderr).toMatch(new RegExp(`^cowlens: warning: process pid \\d+ \\(node main\\.cjs\\) ran project code that cowlens did not instrument: ${escapeRegExp(reason)}`, 'm'));
    expect(run.report.complete).toBe(false);
  });
});
