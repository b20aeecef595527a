/**
 * What the tests of the jest suites expect alike, whichever jest runs them: jest 30 runs
 * test-fixtures/runners/jest-suite and ts-jest-suite, jest 29 the same files in jest29-suite's
 * babel-jest/ and ts-jest/ folders.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SiteFigures } from './runner-reports.js';
import type { FailingSuite } from './runner-suites.js';

/**
 * jest's options for a run of its own: a fresh cache, so that neither its transform cache nor
 * its timings of earlier runs (which make it run a fast suite in band) answer for this run.
 */
export const freshJestCache = (): string[] => ['--cacheDirectory', mkdtempSync(join(tmpdir(), 'cowlens-jest-cache-'))];

/**
 * The JavaScript suite, through jest's default transform (babel-jest). jest's `expect` is a
 * global, not a binding imported from a package: handing a copy to it is no write, unlike
 * vitest's imported `expect`.
 */
export const JEST_SUITE_SITES: Record<'observe' | 'cow', Record<string, SiteFigures>> = {
  observe: {
    'src/inventory.js:5:16 array-slice': { executions: 3, materialized: 2, eager: 0, copyPoints: ['src/inventory.js:7:19 ×2'] },
    'src/inventory.js:7:33 object-spread': { executions: 2, materialized: 2, eager: 0, copyPoints: ['src/inventory.js:7:33 ×2'] },
    'src/inventory.js:13:10 structured-clone': { executions: 1, materialized: 0, eager: 1, copyPoints: [] },
    'test/snapshot.test.js:6:18 array-spread': { executions: 1, materialized: 0, eager: 1, copyPoints: [] },
  },
  // The shelf's copy (200 items) is shared until restock writes it; the other copies are smaller
  // than a view: eager, private from the start, in cow mode as observe mode predicts.
  cow: {
    'src/inventory.js:5:16 array-slice': { executions: 3, materialized: 2, eager: 0, copyPoints: ['src/inventory.js:7:19 ×2'] },
    'src/inventory.js:7:33 object-spread': { executions: 2, materialized: 2, eager: 0, copyPoints: ['src/inventory.js:7:33 ×2'] },
    'src/inventory.js:13:10 structured-clone': { executions: 1, materialized: 0, eager: 1, copyPoints: [] },
    'test/snapshot.test.js:6:18 array-spread': { executions: 1, materialized: 0, eager: 1, copyPoints: [] },
  },
};

/**
 * The TypeScript suite, through ts-jest: its sites at the lines and columns of the .ts, the same in
 * both modes (the small clone is eager in cow mode, and observe mode predicts so).
 */
export const TS_JEST_SUITE_SITES: Record<string, SiteFigures> = {
  'src/inventory.ts:8:16 array-slice': { executions: 1, materialized: 1, eager: 0, copyPoints: ['src/inventory.ts:10:19 ×1'] },
  'src/inventory.ts:10:33 object-spread': { executions: 1, materialized: 1, eager: 0, copyPoints: ['src/inventory.ts:10:33 ×1'] },
  'src/inventory.ts:16:10 structured-clone': { executions: 1, materialized: 0, eager: 1, copyPoints: [] },
  'test/inventory.test.ts:9:10 array-spread': { executions: 1, materialized: 0, eager: 0, copyPoints: [] },
};

/**
 * The JavaScript suite with COWLENS_FIXTURE_FAIL, run in band by `jest` (its bin script): a test
 * fails on a line holding a copy. One fresh cache serves the plain run and both modes: jest's
 * cache keys what it transformed by the text it was given, so plain and instrumented never mix.
 */
export function failingJestSuite(jest: string, cwd: string): FailingSuite {
  return {
    args: [jest, '--runInBand', ...freshJestCache()],
    cwd,
    frame: 'at Object.toEqual (test/snapshot.test.js:15:42)',
    sites: {
      'src/inventory.js:13:10 structured-clone': { executions: 2 },
      'test/snapshot.test.js:15:10 object-spread': { executions: 1 },
    },
  };
}
