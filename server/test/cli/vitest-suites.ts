/**
 * What the tests of test-fixtures/runners/vitest-suite (vitest 4.1) and of vitest5-suite, which
 * holds the same files, expect alike, whichever vitest runs them.
 */
import { expect } from 'vitest';
import { plainNode, reportOf } from './run-cowlens.js';
import { linesOf, type SiteFigures, sitesOf, splitCowlensLine } from './runner-reports.js';

/** The same sites at the same places. */
export const VITEST_SUITE_SITES: Record<'observe' | 'cow', Record<string, SiteFigures>> = {
  observe: {
    'src/inventory.ts:8:16 array-slice': { executions: 3, materialized: 3, copyPoints: ['src/inventory.ts:10:19 ×2', 'test/restock.test.ts:13:3 ×1'] },
    'src/inventory.ts:10:33 object-spread': { executions: 2, materialized: 2, copyPoints: ['src/inventory.ts:10:33 ×2'] },
    'src/inventory.ts:16:10 structured-clone': { executions: 1, materialized: 1, copyPoints: ['test/snapshot.test.ts:9:3 ×1'] },
    'test/snapshot.test.ts:7:18 array-spread': { executions: 1, materialized: 1, copyPoints: ['test/snapshot.test.ts:8:3 ×1'] },
  },
  // The shelf's copy (200 items) is shared until restock writes it; the other copies are smaller
  // than a view and made eagerly, private from the start.
  cow: {
    'src/inventory.ts:8:16 array-slice': { executions: 3, materialized: 2, copyPoints: ['src/inventory.ts:10:19 ×2'] },
    'src/inventory.ts:10:33 object-spread': { executions: 2, materialized: 2, copyPoints: ['src/inventory.ts:10:33 ×2'] },
    'src/inventory.ts:16:10 structured-clone': { executions: 1, materialized: 1, copyPoints: [] },
    'test/snapshot.test.ts:7:18 array-spread': { executions: 1, materialized: 1, copyPoints: [] },
  },
};

/**
 * With COWLENS_FIXTURE_FAIL a test fails on a line holding a copy: vitest's output, its stack
 * trace into the .ts source and its exit status must be plain vitest's, in both modes.
 */
export function expectFailingRunPassesThrough(vitest: string, suite: string): void {
  const env = { COWLENS_FIXTURE_FAIL: '1', NO_COLOR: '1' };
  const plain = plainNode([vitest, 'run'], { cwd: suite, env });
  expect(plain.status).toBe(1);
  expect(plain.stderr).toContain('test/snapshot.test.ts:15:42');
  for (const mode of ['observe', 'cow'] as const) {
    const run = reportOf(['node', vitest, 'run'], { mode, cwd: suite, env });
    expect(run.status, mode).toBe(1);
    expect(linesOf(run.stdout), mode).toEqual(linesOf(plain.stdout));
    const stderr = splitCowlensLine(run.stderr);
    expect(linesOf(stderr.runner), mode).toEqual(linesOf(plain.stderr));
    expect(stderr.cowlens, mode).toMatch(/^cowlens: 5 copy sites, 9 copies, \d+ written; json report written to /);
    expect(run.report, mode).toMatchObject({ exitCode: 1, complete: true });
    expect(sitesOf(run.report), mode).toMatchObject({
      'src/inventory.ts:16:10 structured-clone': { executions: 2 },
      'test/snapshot.test.ts:15:10 object-spread': { executions: 1 },
    });
  }
}
