/**
 * The semantics on code nobody here wrote: lodash itself, instrumented from node_modules by
 * --include, while a workload uses it; its output must be byte-identical in both modes. The
 * workload, a file of the project, is instrumented too: --include adds lodash to the project's files.
 */
import { describe, expect, it } from 'vitest';
import { FIXTURES, plainNode, reportOf } from './run-cowlens.js';

const WORKLOAD = `${FIXTURES}/lodash-workload.cjs`;

describe('lodash instrumented from node_modules', () => {
  const plain = plainNode([WORKLOAD]);

  for (const mode of ['observe', 'cow'] as const) {
    it(`${mode} mode: the workload's output is unchanged`, () => {
      const run = reportOf(['node', WORKLOAD], { mode, extra: ['--include', 'node_modules/lodash/**'] });
      expect(plain.status).toBe(0);
      expect(run.status).toBe(0);
      expect(run.stdout).toBe(plain.stdout);
      expect(run.report.complete).toBe(true);
      expect(run.report.diagnostics).toEqual([]);
      // lodash's own code ran instrumented, not just the workload's: in observe mode one of its
      // writes is a copy point (in cow mode the hand-over to lodash made the copy first). Its
      // `new Map`/`new Set` are not sites: lodash binds `Map` and `Set` itself.
      if (mode === 'observe') expect(run.report.sites.some((s) => s.copyPoints.some((p) => p.file === 'node_modules/lodash/lodash.js'))).toBe(true);
      expect(run.report.sites.find((s) => s.kind === 'lodash-clone-deep')).toMatchObject({ file: 'test-fixtures/cli/lodash-workload.cjs', executions: 1 });
    });
  }
});
