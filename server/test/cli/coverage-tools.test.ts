/**
 * A coverage tool that measures a process of the run measures cowlens's instrumented code, not
 * the files as written: `cowlens report` says so, in the report's diagnostics and on stderr,
 * naming the tool, from what the process loaded (istanbul's packages, V8's coverage folder).
 * istanbul's figures stay those of a plain run all the same: cowlens's additions carry its
 * ignore hints (test/instrument/coverage-hints.test.ts).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshJestCache } from './jest-suites.js';
import { plainNode, REPO, reportOf } from './run-cowlens.js';

const JEST_SUITE = join(REPO, 'test-fixtures/runners/jest-suite');
const JEST = join(REPO, 'node_modules/jest/bin/jest.js');

const warning = (tool: string): string =>
  `${tool} measured coverage in this run: coverage measured under cowlens measures cowlens's instrumented code, not your files as written, and may differ from a plain run's; measure coverage in a run of its own`;

describe('coverage measured in a run of cowlens', () => {
  it("jest --coverage (istanbul, through babel-plugin-istanbul): a warning names it, and jest's coverage figures are a plain run's", () => {
    const coverageOf = (dir: string): unknown => (JSON.parse(readFileSync(join(dir, 'coverage-summary.json'), 'utf8')) as { total: unknown }).total;
    const args = (dir: string): string[] => [JEST, '--runInBand', '--coverage', '--coverageReporters=json-summary', '--coverageDirectory', dir, ...freshJestCache()];
    const [plainDir, cowlensDir] = [mkdtempSync(join(tmpdir(), 'cowlens-coverage-')), mkdtempSync(join(tmpdir(), 'cowlens-coverage-'))];
    const plain = plainNode(args(plainDir), { cwd: JEST_SUITE });
    expect(plain.status, plain.stderr).toBe(0);
    const run = reportOf(['node', ...args(cowlensDir)], { cwd: JEST_SUITE });
    expect(run.status, run.stderr).toBe(0);
    expect(run.report.diagnostics).toEqual([{ severity: 'warning', message: warning('istanbul') }]);
    expect(run.report.complete).toBe(true);
    expect(run.stderr).toContain(`cowlens: warning: ${warning('istanbul')}\n`);
    expect(coverageOf(cowlensDir)).toEqual(coverageOf(plainDir));
  });

  it('V8 coverage (NODE_V8_COVERAGE, as c8 sets it): a warning names it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cowlens-v8-coverage-'));
    writeFileSync(join(dir, 'main.js'), 'console.log([1, 2].slice().length);\n');
    const run = reportOf(['node', 'main.js'], { cwd: dir, env: { NODE_V8_COVERAGE: join(dir, 'coverage') } });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toBe('2\n');
    expect(run.report.diagnostics).toEqual([{ severity: 'warning', message: warning('V8 coverage (NODE_V8_COVERAGE)') }]);
  });

  it('a run that measures no coverage has no such warning', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cowlens-no-coverage-'));
    writeFileSync(join(dir, 'main.js'), 'console.log([1, 2].slice().length);\n');
    const run = reportOf(['node', 'main.js'], { cwd: dir, env: { NODE_V8_COVERAGE: '' } });
    expect(run.status, run.stderr).toBe(0);
    expect(run.report.diagnostics).toEqual([]);
  });
});
