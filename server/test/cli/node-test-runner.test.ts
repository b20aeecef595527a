/**
 * `cowlens report` over Node's own test runner: the built CLI runs `node --test` on
 * test-fixtures/runners/node-test-suite (ES modules), each test file in a process of its own (the
 * default), and all in the runner's process where the Node release can (`--test-isolation=none`).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { plainNode, REPO, reportOf } from './run-cowlens.js';
import { sitesOf } from './runner-reports.js';
import { expectFailingRunPassesThrough } from './runner-suites.js';

const SUITE = join(REPO, 'test-fixtures/runners/node-test-suite');
const FILES = ['test/restock.test.js', 'test/snapshot.test.js'];

// node:assert is a built-in, not a package: handing a copy to it is no write.
const EXPECTED = {
  observe: {
    'src/inventory.js:3:16 array-slice': { executions: 3, materialized: 2, eager: 0, copyPoints: ['src/inventory.js:5:19 ×2'] },
    'src/inventory.js:5:33 object-spread': { executions: 2, materialized: 2, eager: 0, copyPoints: ['src/inventory.js:5:33 ×2'] },
    'src/inventory.js:11:10 structured-clone': { executions: 1, materialized: 0, eager: 1, copyPoints: [] },
    'test/snapshot.test.js:8:18 array-spread': { executions: 1, materialized: 0, eager: 1, copyPoints: [] },
  },
  // The shelf's copy (200 items) is shared until restock writes it; the other copies are smaller
  // than a view: eager, private from the start, in cow mode as observe mode predicts.
  cow: {
    'src/inventory.js:3:16 array-slice': { executions: 3, materialized: 2, eager: 0, copyPoints: ['src/inventory.js:5:19 ×2'] },
    'src/inventory.js:5:33 object-spread': { executions: 2, materialized: 2, eager: 0, copyPoints: ['src/inventory.js:5:33 ×2'] },
    'src/inventory.js:11:10 structured-clone': { executions: 1, materialized: 0, eager: 1, copyPoints: [] },
    'test/snapshot.test.js:8:18 array-spread': { executions: 1, materialized: 0, eager: 1, copyPoints: [] },
  },
};

/** The option that runs every test file in the runner's own process: Node 22.8 named it experimental, 23.6 and 24 not; Node 20 has none. */
const NO_ISOLATION = ['--test-isolation', '--experimental-test-isolation'].find((flag) => plainNode([`${flag}=none`, '-e', '']).status === 0);

describe('cowlens report -- node --test', () => {
  for (const mode of ['observe', 'cow'] as const) {
    it(`${mode} mode, a process per test file: each file's process is instrumented and the figures merged`, () => {
      const run = reportOf(['node', '--test', ...FILES], { mode, cwd: SUITE });
      expect(run.status, run.stderr).toBe(0);
      // Node 20 and 22 report in TAP when the output is not a terminal, 24 in its spec format.
      expect(run.stdout).toMatch(/^[#ℹ] pass 3$/m);
      expect(run.report).toMatchObject({ mode, exitCode: 0, complete: true, diagnostics: [] });
      // One process per test file; the runner's own process loads no module of the project.
      expect(run.report.processes).toBeGreaterThanOrEqual(2);
      expect(sitesOf(run.report)).toEqual(EXPECTED[mode]);
    });
  }

  for (const mode of ['observe', 'cow'] as const) {
    it.skipIf(NO_ISOLATION === undefined)(`${mode} mode, ${String(NO_ISOLATION)}=none: the test files run in the runner's process, the same figures`, () => {
      const run = reportOf(['node', '--test', `${String(NO_ISOLATION)}=none`, ...FILES], { mode, cwd: SUITE });
      expect(run.status, run.stderr).toBe(0);
      expect(run.report).toMatchObject({ complete: true, processes: 1, diagnostics: [] });
      expect(sitesOf(run.report)).toEqual(EXPECTED[mode]);
    });
  }

  it('npm test that runs node --test', () => {
    const run = reportOf(['npm', 'test', '--silent'], { mode: 'cow', cwd: SUITE });
    expect(run.status, run.stderr).toBe(0);
    expect(sitesOf(run.report)).toEqual(EXPECTED.cow);
  });

  it("a failing test: the runner's output, its stack trace (past an instrumented copy on the line) and its exit status pass through", () => {
    expectFailingRunPassesThrough({
      args: ['--test', ...FILES],
      cwd: SUITE,
      frame: 'TestContext.<anonymous> (file:///',
      sites: { 'src/inventory.js:11:10 structured-clone': { executions: 2 }, 'test/snapshot.test.js:17:26 object-spread': { executions: 1 } },
    });
  });
});
