/**
 * `cowlens report` over tape: the built CLI runs the repository's tape on
 * test-fixtures/runners/tape-suite (CommonJS), every test file in tape's own process.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, reportOf } from './run-cowlens.js';
import { sitesOf } from './runner-reports.js';
import { CJS_SUITE_SITES } from './cjs-inventory-sites.js';
import { expectFailingRunPassesThrough } from './runner-suites.js';

const SUITE = join(REPO, 'test-fixtures/runners/tape-suite');
const TAPE = join(REPO, 'node_modules/tape/bin/tape');

describe('cowlens report -- tape', () => {
  for (const mode of ['observe', 'cow'] as const) {
    it(`${mode} mode: the test files and the module they require are instrumented`, () => {
      const run = reportOf(['node', TAPE, 'test/*.test.js'], { mode, cwd: SUITE });
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout).toContain('# pass  7');
      expect(run.report).toMatchObject({ mode, exitCode: 0, complete: true, processes: 1, diagnostics: [] });
      expect(sitesOf(run.report)).toEqual(CJS_SUITE_SITES[mode]);
    });
  }

  it('npm test that runs tape', () => {
    const run = reportOf(['npm', 'test', '--silent'], { mode: 'cow', cwd: SUITE });
    expect(run.status, run.stderr).toBe(0);
    expect(sitesOf(run.report)).toEqual(CJS_SUITE_SITES.cow);
  });

  it("a failing test: tape's output, the failing assertion's place (past an instrumented copy on the line) and its exit status pass through", () => {
    expectFailingRunPassesThrough({
      args: [TAPE, 'test/*.test.js'],
      cwd: SUITE,
      frame: 'at: Test.<anonymous> (',
      sites: { 'src/inventory.js:13:10 structured-clone': { executions: 2 }, 'test/snapshot.test.js:17:15 object-spread': { executions: 1 } },
    });
  });
});
