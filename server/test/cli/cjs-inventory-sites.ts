/**
 * The figures of the CommonJS suites that mocha and tape run (test-fixtures/runners/mocha-suite
 * and tape-suite, the same module and the same copies at the same lines).
 */
import type { SiteFigures } from './runner-reports.js';

// The runners' assertions are no package's binding imported into the test: handing a copy to one is no write.
export const CJS_SUITE_SITES: Record<'observe' | 'cow', Record<string, SiteFigures>> = {
  observe: {
    'src/inventory.js:5:16 array-slice': { executions: 3, materialized: 2, eager: 0, copyPoints: ['src/inventory.js:7:19 ×2'] },
    'src/inventory.js:7:33 object-spread': { executions: 2, materialized: 2, eager: 0, copyPoints: ['src/inventory.js:7:33 ×2'] },
    'src/inventory.js:13:10 structured-clone': { executions: 1, materialized: 0, eager: 1, copyPoints: [] },
    'test/snapshot.test.js:7:18 array-spread': { executions: 1, materialized: 0, eager: 1, copyPoints: [] },
  },
  // The shelf's copy (200 items) is shared until restock writes it; the other copies are smaller
  // than a view: eager, private from the start, in cow mode as observe mode predicts.
  cow: {
    'src/inventory.js:5:16 array-slice': { executions: 3, materialized: 2, eager: 0, copyPoints: ['src/inventory.js:7:19 ×2'] },
    'src/inventory.js:7:33 object-spread': { executions: 2, materialized: 2, eager: 0, copyPoints: ['src/inventory.js:7:33 ×2'] },
    'src/inventory.js:13:10 structured-clone': { executions: 1, materialized: 0, eager: 1, copyPoints: [] },
    'test/snapshot.test.js:7:18 array-spread': { executions: 1, materialized: 0, eager: 1, copyPoints: [] },
  },
};
