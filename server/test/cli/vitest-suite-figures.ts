import type { SiteFigures } from './runner-reports.js';

/**
 * The figures of test-fixtures/runners/vitest-suite, and of vitest5-suite, which holds the same
 * files: the same sites at the same places, whichever vitest runs them.
 */
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
