/**
 * `cowlens report` over tap 21, the current major: the built CLI runs
 * test-fixtures/runners/tap-suite's own tap (locked in its package.json and package-lock.json),
 * which runs each test file in a process of its own, started with its loaders (`--import` of its
 * TypeScript, mock and process-info plugins; V8 coverage that the process-info plugin starts
 * itself) and without them (the plugins that bring them turned off), and a test file run by node
 * alone. The suite holds the files of tape-suite, so the figures are those of tape's run.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CJS_SUITE_SITES } from './cjs-inventory-sites.js';
import { installLockedSuite } from './locked-suites.js';
import { plainNode, REPO, reportOf } from './run-cowlens.js';
import { type SiteFigures, sitesOf } from './runner-reports.js';
import { expectFailingRunPassesThrough } from './runner-suites.js';

const SUITE = join(REPO, 'test-fixtures/runners/tap-suite');
const tapIn = (suite: string): string => join(suite, 'node_modules/tap/dist/esm/run.mjs');
const TAP = tapIn(SUITE);
const SUMMARY = '# { total: 8, pass: 7, skip: 1 }';

const COVERAGE_WARNING =
  "tap measured coverage in this run: coverage measured under cowlens measures cowlens's instrumented code, not your files as written, and may differ from a plain run's; measure coverage in a run of its own";

/** The plugins that bring tap's loaders, turned off: a test process then starts with the process-info plugin's `--import` only. */
const PLUGINS_OFF = ['--plugin=!@tapjs/typescript', '--plugin=!@tapjs/mock'];

// mock/inventory-mocks.js: a fresh copy of src/inventory.js through tap's require hook, and one
// through its import loader. The list and the state are smaller than a view: eager in both modes.
const MOCKED_SITES: Record<string, SiteFigures> = {
  'src/inventory.js:5:16 array-slice': { executions: 1, materialized: 0, eager: 1, copyPoints: [] },
  'src/inventory.js:7:33 object-spread': { executions: 1, materialized: 1, eager: 0, copyPoints: ['src/inventory.js:7:33 ×1'] },
  'src/inventory.js:13:10 structured-clone': { executions: 1, materialized: 0, eager: 1, copyPoints: [] },
};

describe('cowlens report -- tap (tap 21)', () => {
  // One install from the lockfile serves every Node the tests run on: tap 21 runs on 20, 22 and 24.
  beforeAll(() => {
    installLockedSuite(SUITE, 'tap');
  }, 180_000);

  it('the suite runs the tap 21 it locks', () => {
    expect(plainNode([TAP, '--version'], { cwd: SUITE }).stdout).toBe('21.8.0\n');
  });

  for (const mode of ['observe', 'cow'] as const) {
    it(`${mode} mode, tap's defaults (its loaders, its coverage): each test file's process is instrumented, the figures merged, and the coverage said`, () => {
      // tap fails a run whose coverage is not complete: its coverage records of each test process must be whole under cowlens too.
      const run = reportOf(['node', TAP], { mode, cwd: SUITE });
      expect(run.status, run.stdout + run.stderr).toBe(0);
      expect(run.stdout).toContain(SUMMARY);
      // tap and a process per test file.
      expect(run.report).toMatchObject({ mode, exitCode: 0, complete: true, incomplete: [], processes: 3 });
      expect(run.report.diagnostics).toEqual([{ severity: 'warning', message: COVERAGE_WARNING }]);
      expect(sitesOf(run.report)).toEqual(CJS_SUITE_SITES[mode]);
    });
  }

  it('npm test that runs tap', () => {
    const run = reportOf(['npm', 'test', '--silent', '--', '--disable-coverage'], { mode: 'cow', cwd: SUITE });
    expect(run.status, run.stderr).toBe(0);
    expect(run.report).toMatchObject({ complete: true, diagnostics: [] });
    expect(sitesOf(run.report)).toEqual(CJS_SUITE_SITES.cow);
  });

  for (const mode of ['observe', 'cow'] as const) {
    it(`${mode} mode, tap's mock loaders (t.mockRequire, t.mockImport): the fresh copies of the module they load are instrumented`, () => {
      const run = reportOf(['node', TAP, '--disable-coverage', 'mock/inventory-mocks.js'], { mode, cwd: SUITE });
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout).toContain('# { total: 2, pass: 2 }');
      expect(run.report).toMatchObject({ complete: true, incomplete: [], diagnostics: [] });
      expect(sitesOf(run.report)).toEqual(MOCKED_SITES);
    });
  }

  it("a failing test: tap's output, the failing assertion's stack and code frame (past an instrumented copy on the line) and its exit status pass through", () => {
    expectFailingRunPassesThrough({
      args: [TAP, '--disable-coverage'],
      cwd: SUITE,
      frame: 'Test.<anonymous> (test/snapshot.test.js:17:5)',
      sites: { 'src/inventory.js:13:10 structured-clone': { executions: 2 }, 'test/snapshot.test.js:17:10 object-spread': { executions: 1 } },
    });
  });

  describe("without tap's loaders", () => {
    // tap builds its Test class into its own node_modules for a set of plugins (and builds it
    // again for another): in a copy of the suite, so that the suite stays as installed whatever
    // happens to the build, outside cowlens, whose figures it is not.
    let copy = '';
    beforeAll(() => {
      copy = join(mkdtempSync(join(tmpdir(), 'cowlens-tap-')), 'tap-suite');
      cpSync(SUITE, copy, { recursive: true, filter: (path) => basename(path) !== '.tap' });
      expect(plainNode([tapIn(copy), 'build', ...PLUGINS_OFF], { cwd: copy }).status).toBe(0);
      expect(plainNode([tapIn(copy), 'node-options'], { cwd: copy }).stdout).toMatch(/^"--enable-source-maps" "--import=[^"]*@tapjs\/processinfo[^"]*"\n?$/);
    }, 180_000);
    afterAll(() => {
      rmSync(dirname(copy), { recursive: true, force: true });
    });

    for (const mode of ['observe', 'cow'] as const) {
      it(`${mode} mode, ${[...PLUGINS_OFF, '--disable-coverage'].join(' ')}: the same figures, and no coverage said`, () => {
        const run = reportOf(['node', tapIn(copy), ...PLUGINS_OFF, '--disable-coverage'], { mode, cwd: copy });
        expect(run.status, run.stderr).toBe(0);
        expect(run.stdout).toContain(SUMMARY);
        expect(run.report).toMatchObject({ mode, exitCode: 0, complete: true, incomplete: [], diagnostics: [], processes: 3 });
        expect(sitesOf(run.report)).toEqual(CJS_SUITE_SITES[mode]);
      });
    }
  });

  it('a test file run by node itself, without the runner: tap reports in the same process', () => {
    const run = reportOf(['node', 'test/snapshot.test.js'], { mode: 'cow', cwd: SUITE });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('# { total: 4, pass: 3, skip: 1 }');
    expect(run.report).toMatchObject({ complete: true, processes: 1, diagnostics: [] });
    expect(sitesOf(run.report)).toEqual({
      'src/inventory.js:13:10 structured-clone': CJS_SUITE_SITES.cow['src/inventory.js:13:10 structured-clone'],
      'test/snapshot.test.js:7:18 array-spread': CJS_SUITE_SITES.cow['test/snapshot.test.js:7:18 array-spread'],
    });
  });
});
