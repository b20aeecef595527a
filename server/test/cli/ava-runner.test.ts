/**
 * `cowlens report` over ava: the built CLI runs the repository's ava on
 * test-fixtures/runners/ava-suite (ES modules), whose test files run in worker threads by default
 * (each thread gets the runtime and the module hooks of its own) or in child processes.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, reportOf } from './run-cowlens.js';
import { sitesOf } from './runner-reports.js';
import { expectFailingRunPassesThrough } from './runner-suites.js';

const SUITE = join(REPO, 'test-fixtures/runners/ava-suite');
const AVA = join(REPO, 'node_modules/ava/entrypoints/cli.mjs');

// ava's assertions are methods of the test's `t`, not a package's binding imported into the test: handing a copy to one is no write.
const EXPECTED = {
  observe: {
    'src/inventory.js:3:16 array-slice': { executions: 3, materialized: 2, eager: 0, copyPoints: ['src/inventory.js:5:19 ×2'] },
    'src/inventory.js:5:33 object-spread': { executions: 2, materialized: 2, eager: 0, copyPoints: ['src/inventory.js:5:33 ×2'] },
    'src/inventory.js:11:10 structured-clone': { executions: 1, materialized: 0, eager: 1, copyPoints: [] },
    'test/snapshot.test.js:7:18 array-spread': { executions: 1, materialized: 0, eager: 1, copyPoints: [] },
  },
  // The shelf's copy (200 items) is shared until restock writes it; the other copies are smaller
  // than a view: eager, private from the start, in cow mode as observe mode predicts.
  cow: {
    'src/inventory.js:3:16 array-slice': { executions: 3, materialized: 2, eager: 0, copyPoints: ['src/inventory.js:5:19 ×2'] },
    'src/inventory.js:5:33 object-spread': { executions: 2, materialized: 2, eager: 0, copyPoints: ['src/inventory.js:5:33 ×2'] },
    'src/inventory.js:11:10 structured-clone': { executions: 1, materialized: 0, eager: 1, copyPoints: [] },
    'test/snapshot.test.js:7:18 array-spread': { executions: 1, materialized: 0, eager: 1, copyPoints: [] },
  },
};

describe('cowlens report -- ava', () => {
  for (const mode of ['observe', 'cow'] as const) {
    it(`${mode} mode, worker threads (ava's default): each test file's thread runs instrumented, every one finished`, () => {
      const run = reportOf(['node', AVA], { mode, cwd: SUITE });
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout).toContain('3 tests passed');
      // ava's process and a worker thread per test file.
      expect(run.report).toMatchObject({ mode, exitCode: 0, complete: true, incomplete: [], processes: 3, diagnostics: [] });
      expect(sitesOf(run.report)).toEqual(EXPECTED[mode]);
    });
  }

  it('--no-worker-threads: a child process per test file, the same figures', () => {
    const run = reportOf(['node', AVA, '--no-worker-threads'], { mode: 'cow', cwd: SUITE });
    expect(run.status, run.stderr).toBe(0);
    expect(run.report).toMatchObject({ complete: true, incomplete: [], processes: 3 });
    expect(sitesOf(run.report)).toEqual(EXPECTED.cow);
  });

  it("a failing test: ava's output, its code frame (a line holding an instrumented copy) and its exit status pass through", () => {
    expectFailingRunPassesThrough({
      args: [AVA],
      cwd: SUITE,
      frame: '16:   t.deepEqual({ ...snapshot({ ok: false }) }, { ok: true });',
      sites: { 'src/inventory.js:11:10 structured-clone': { executions: 2 }, 'test/snapshot.test.js:16:15 object-spread': { executions: 1 } },
    });
  });
});
