/**
 * `cowlens report` over TypeScript run by the loaders users start it with: the built CLI runs
 * test-fixtures/runners/tsx-ts-node-suite (CommonJS TypeScript, node:test) through tsx, which
 * compiles each module with esbuild in its own require hook, and through ts-node's require hook,
 * which type-checks each module it compiles against the suite's strict tsconfig.json.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, reportOf } from './run-cowlens.js';
import { sitesOf } from './runner-reports.js';
import { expectFailingRunPassesThrough } from './runner-suites.js';
import { escapeRegExp } from './uninstrumented-runs.js';

const SUITE = join(REPO, 'test-fixtures/runners/tsx-ts-node-suite');
const TSX = join(REPO, 'node_modules/tsx/dist/cli.mjs');
const FILES = ['test/restock.test.ts', 'test/snapshot.test.ts'];

const TSX_ARGS = [TSX, '--test', ...FILES];

/**
 * Node 24. There tsx compiles CommonJS TypeScript in its own module hooks, which run before cowlens's
 * and hand Node the compiled code: cowlens never sees those files, and says so.
 */
const TSX_PAST_COWLENS = Number(process.versions.node.split('.')[0]) >= 24;

const LOADERS: Record<string, readonly string[]> = {
  ...(TSX_PAST_COWLENS ? {} : { tsx: TSX_ARGS }),
  'ts-node': ['-r', 'ts-node/register', '--test', ...FILES],
};

// The sites at the lines and columns of the .ts as written, not of the loader's JavaScript.
const EXPECTED = {
  observe: {
    'src/inventory.ts:8:16 array-slice': { executions: 3, materialized: 2, copyPoints: ['src/inventory.ts:10:19 ×2'] },
    'src/inventory.ts:10:33 object-spread': { executions: 2, materialized: 2, copyPoints: ['src/inventory.ts:10:33 ×2'] },
    'src/inventory.ts:16:10 structured-clone': { executions: 1, materialized: 1, copyPoints: ['test/snapshot.test.ts:10:3 ×1'] },
    'test/snapshot.test.ts:8:18 array-spread': { executions: 1, materialized: 1, copyPoints: ['test/snapshot.test.ts:9:3 ×1'] },
  },
  // The shelf's copy (200 items) is shared until restock writes it; the other copies are smaller
  // than a view and made eagerly, private from the start.
  cow: {
    'src/inventory.ts:8:16 array-slice': { executions: 3, materialized: 2, copyPoints: ['src/inventory.ts:10:19 ×2'] },
    'src/inventory.ts:10:33 object-spread': { executions: 2, materialized: 2, copyPoints: ['src/inventory.ts:10:33 ×2'] },
    'src/inventory.ts:16:10 structured-clone': { executions: 1, materialized: 1, copyPoints: [] },
    'test/snapshot.test.ts:8:18 array-spread': { executions: 1, materialized: 1, copyPoints: [] },
  },
};

describe('cowlens report -- TypeScript through tsx and ts-node', () => {
  for (const [loader, args] of Object.entries(LOADERS)) {
    for (const mode of ['observe', 'cow'] as const) {
      it(`${mode} mode, ${loader}: the sites are at their places in the .ts as written`, () => {
        const run = reportOf(['node', ...args], { mode, cwd: SUITE });
        expect(run.status, run.stderr).toBe(0);
        expect(run.stdout).toMatch(/^[#ℹ] pass 3$/m);
        expect(run.report).toMatchObject({ mode, exitCode: 0, complete: true, incomplete: [], diagnostics: [] });
        expect(sitesOf(run.report)).toEqual(EXPECTED[mode]);
      });
    }

    // Not yet on Node 24 under ts-node: the test file, the entry, runs as an ES module through
    // cowlens's hooks (hooks/register.ts), its frames named by URL; the figures are right.
    it.skipIf(loader === 'ts-node' && TSX_PAST_COWLENS)(`a failing test under ${loader}: the runner's output, its stack trace and its exit status pass through`, () => {
      expectFailingRunPassesThrough({
        args,
        cwd: SUITE,
        frame: 'test/snapshot.test.ts:',
        sites: { 'src/inventory.ts:16:10 structured-clone': { executions: 2 }, 'test/snapshot.test.ts:16:26 object-spread': { executions: 1 } },
      });
      // Three runs of the suite, which ts-node type-checks file by file: slow on a loaded machine.
    }, 180_000);
  }

  it.runIf(TSX_PAST_COWLENS)('tsx on Node 24: the test files it compiles past cowlens make the run incomplete, each process named with its files', () => {
    const run = reportOf(['node', ...TSX_ARGS], { cwd: SUITE });
    expect(run.status, run.stderr).toBe(0);
    expect(run.report.complete).toBe(false);
    expect(run.report.sites).toEqual([]);
    const reason = "that cowlens did not instrument: a loader of the program compiled them itself, past cowlens's require hook (esm's `-r esm`, or a hook that runs code through `vm`); their copies are not in this report";
    const [restock, snapshot, ...others] = [...run.report.incomplete].sort();
    expect(others).toEqual([]);
    for (const [name, said] of [['restock', restock], ['snapshot', snapshot]] as const) {
      expect(said).toMatch(new RegExp(String.raw`^process pid \d+ \(node test/${name}\.test\.ts\) ran 2 project files \(test/${name}\.test\.ts, src/inventory\.ts\) ${escapeRegExp(reason)}$`));
    }
    expect(run.stderr).toContain('(incomplete report)');
  });

  it('npm test that runs ts-node', () => {
    const run = reportOf(['npm', 'test', '--silent'], { mode: 'cow', cwd: SUITE });
    expect(run.status, run.stderr).toBe(0);
    expect(sitesOf(run.report)).toEqual(EXPECTED.cow);
  });
});
