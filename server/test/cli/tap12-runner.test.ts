/**
 * `cowlens report` over tap 12 (test-fixtures/runners/tap12-suite, locked in its package.json and
 * package-lock.json), which starts each test file's process with `-r esm`: esm's loader compiles
 * the test file and what it requires itself, past cowlens's hooks. The run passes through as it
 * is, and is reported incomplete, naming the test process and its files. tap 12's esm fails on
 * Node 22 and later as it is, so the suite runs on Node 20 only.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { installLockedSuite } from './locked-suites.js';
import { plainNode, REPO, reportOf } from './run-cowlens.js';
import { linesOf } from './runner-reports.js';
import { escapeRegExp } from './uninstrumented-runs.js';

const SUITE = join(REPO, 'test-fixtures/runners/tap12-suite');
const TAP = join(SUITE, 'node_modules/tap/bin/run.js');
const ON_NODE_20 = Number(process.versions.node.split('.')[0]) === 20;

describe.runIf(ON_NODE_20)('cowlens report -- tap (tap 12, `-r esm`)', () => {
  beforeAll(() => {
    installLockedSuite(SUITE, 'tap');
  }, 180_000);

  it('the suite runs the tap 12 it locks', () => {
    expect(plainNode([TAP, '--version'], { cwd: SUITE }).stdout).toBe('12.7.0\n');
  });

  for (const mode of ['observe', 'cow'] as const) {
    it(`${mode} mode: the test process runs its files uninstrumented, and the run is incomplete, naming it and them`, () => {
      const plain = plainNode([TAP, '--no-coverage', 'test/settings.test.js'], { cwd: SUITE });
      const run = reportOf(['node', TAP, '--no-coverage', 'test/settings.test.js'], { mode, cwd: SUITE });
      expect(plain.status, plain.stdout + plain.stderr).toBe(0);
      expect(run.status, run.stderr).toBe(0);
      expect(linesOf(run.stdout)).toEqual(linesOf(plain.stdout));
      const reason =
        "ran 2 project files (test/settings.test.js, src/settings.js) that cowlens did not instrument: they were loaded by a preload of the program's (`node -r`), before cowlens's hooks were in place; their copies are not in this report";
      const testProcess = String.raw`process pid \d+ \(node test/settings\.test\.js\) `;
      expect(run.report).toMatchObject({ mode, exitCode: 0, complete: false, sites: [] });
      expect(run.report.incomplete).toEqual([expect.stringMatching(new RegExp(`^${testProcess}${escapeRegExp(reason)}$`))]);
      expect(run.stderr).toMatch(/^cowlens: 0 copy sites, 0 copies, 0 written \(incomplete report\); json report written to /m);
      expect(run.stderr).toMatch(new RegExp(`^cowlens: warning: ${testProcess}${escapeRegExp(reason)}$`, 'm'));
    });
  }
});
