/**
 * `cowlens report` over mocha: the built CLI runs the repository's mocha on
 * test-fixtures/runners/mocha-suite (CommonJS), serially in mocha's process and with `--parallel`,
 * where mocha's worker processes load the test files.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, reportOf } from './run-cowlens.js';
import { sitesOf } from './runner-reports.js';
import { CJS_SUITE_SITES } from './cjs-inventory-sites.js';
import { expectFailingRunPassesThrough } from './runner-suites.js';

const SUITE = join(REPO, 'test-fixtures/runners/mocha-suite');
const MOCHA = join(REPO, 'node_modules/mocha/bin/mocha.js');

describe('cowlens report -- mocha', () => {
  for (const mode of ['observe', 'cow'] as const) {
    it(`${mode} mode, serial: the test files and the module they require are instrumented in mocha's process`, () => {
      const run = reportOf(['node', MOCHA], { mode, cwd: SUITE });
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout).toContain('3 passing');
      expect(run.report).toMatchObject({ mode, exitCode: 0, complete: true, processes: 1, diagnostics: [] });
      expect(sitesOf(run.report)).toEqual(CJS_SUITE_SITES[mode]);
    });
  }

  for (const mode of ['observe', 'cow'] as const) {
    it(`${mode} mode, --parallel --jobs 2: each worker process is instrumented, every one finished, the figures merged`, () => {
      const run = reportOf(['node', MOCHA, '--parallel', '--jobs', '2'], { mode, cwd: SUITE });
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout).toContain('3 passing');
      // mocha and its two workers.
      expect(run.report).toMatchObject({ complete: true, incomplete: [], processes: 3, diagnostics: [] });
      expect(sitesOf(run.report)).toEqual(CJS_SUITE_SITES[mode]);
    });
  }

  it('npm test that runs mocha', () => {
    const run = reportOf(['npm', 'test', '--silent'], { mode: 'cow', cwd: SUITE });
    expect(run.status, run.stderr).toBe(0);
    expect(sitesOf(run.report)).toEqual(CJS_SUITE_SITES.cow);
  });

  for (const parallel of [[], ['--parallel', '--jobs', '2']]) {
    it(`a failing test${parallel.length > 0 ? ' in a worker' : ''}: mocha's output, its stack trace (past an instrumented copy on the line) and its exit status pass through`, () => {
      expectFailingRunPassesThrough({
        args: [MOCHA, ...parallel],
        cwd: SUITE,
        frame: 'test/snapshot.test.js:16:10)',
        sites: { 'src/inventory.js:13:10 structured-clone': { executions: 2 }, 'test/snapshot.test.js:16:26 object-spread': { executions: 1 } },
      });
    });
  }
});
