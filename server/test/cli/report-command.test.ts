/**
 * `cowlens report` end to end: the built CLI runs real programs in real Node processes, and the
 * reports it writes are read back and validated against the published schema.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report, SiteReport } from '../../src/report/model.js';
import { CLI, cowlens, FIXTURES, plainNode, REPO, reportOf } from './run-cowlens.js';

const fixture = (name: string): string => join(FIXTURES, name);
const siteAt = (report: Report, file: string, line: number): SiteReport | undefined => report.sites.find((s) => s.file === file && s.line === line);

describe('cowlens report', () => {
  for (const mode of ['observe', 'cow'] as const) {
    it(`${mode} mode: the program's output is unchanged and every site is counted`, () => {
      const plain = plainNode([fixture('copies.mjs')]);
      const run = reportOf(['node', fixture('copies.mjs')], { mode });
      expect(run.status).toBe(0);
      expect(run.stdout).toBe(plain.stdout);
      const { report } = run;
      expect(report).toMatchObject({ mode, exitCode: 0, complete: true, processes: 1, command: ['node', fixture('copies.mjs')] });
      const spread = siteAt(report, 'test-fixtures/cli/copies.mjs', 4);
      const slice = siteAt(report, 'test-fixtures/cli/copies.mjs', 6);
      const clone = siteAt(report, 'test-fixtures/cli/copies.mjs', 7);
      // Cow mode copies a state of two properties eagerly (a view would cost more than the copy),
      // and observe mode predicts so: each copy is eager, private from the start, and saves nothing.
      expect(spread).toMatchObject({ kind: 'object-spread', column: 41, executions: 10, materialized: 0, eager: 10, bytesSaved: 0, copyPoints: [] });
      expect(slice).toMatchObject({ kind: 'array-slice', executions: 1, materialized: 0 });
      expect(clone).toMatchObject({ kind: 'structured-clone', deep: true, executions: 1, materialized: 1 });
      expect(clone!.copyPoints).toEqual([expect.objectContaining({ file: 'test-fixtures/cli/copies.mjs', line: 8, count: 1 })]);
      expect(slice!.bytesSaved).toBeGreaterThan(1000);
      expect(report.totals.executions).toBe(12);
    });
  }

  it('cow mode saves what observe mode says it would, on the sites it shares', () => {
    const observe = reportOf(['node', fixture('copies.mjs')], { mode: 'observe' }).report;
    const cow = reportOf(['node', fixture('copies.mjs')], { mode: 'cow' }).report;
    const slice = (r: typeof observe) => siteAt(r, 'test-fixtures/cli/copies.mjs', 6)!;
    expect(cow.totals.bytesSaved).toBeGreaterThan(0);
    expect(Math.abs(slice(cow).bytesSaved - slice(observe).bytesSaved) / slice(observe).bytesSaved).toBeLessThan(0.25);
  });

  it('counts a copy too small to share as eager in both modes, and observe mode predicts what cow mode saves within 20%', () => {
    const program = fixture('small-and-big.mjs');
    const runs = { observe: reportOf(['node', program], { mode: 'observe' }), cow: reportOf(['node', program], { mode: 'cow' }) };
    for (const [mode, run] of Object.entries(runs)) {
      expect(run.stdout, mode).toBe('2\n');
      expect(siteAt(run.report, 'test-fixtures/cli/small-and-big.mjs', 6), mode).toMatchObject({ executions: 1, materialized: 0, eager: 1, bytesSaved: 0, sharedMax: 0, copyPoints: [] });
      expect(siteAt(run.report, 'test-fixtures/cli/small-and-big.mjs', 7), mode).toMatchObject({ executions: 1, materialized: 0, eager: 0, sharedMax: 2, copyPoints: [] });
      expect(run.report.totals, mode).toMatchObject({ executions: 2, materialized: 0, eager: 1 });
      // The summary line counts eager copies apart from written ones.
      expect(run.stderr, mode).toMatch(/^cowlens: 2 copy sites, 2 copies, 0 written, 1 eager; json report written to /);
    }
    const small = (mode: 'observe' | 'cow') => siteAt(runs[mode].report, 'test-fixtures/cli/small-and-big.mjs', 6)!;
    expect(small('observe').bytesCopied).toBe(small('cow').bytesCopied);
    const saved = { observe: runs.observe.report.totals.bytesSaved, cow: runs.cow.report.totals.bytesSaved };
    expect(saved.cow).toBeGreaterThan(1000);
    expect(Math.abs(saved.observe - saved.cow) / saved.cow).toBeLessThanOrEqual(0.2);
  });

  it('runs TypeScript as it is, CommonJS and ./x.js imports of .ts files included, with stack traces into the .ts source', () => {
    const ok = reportOf(['node', fixture('ts-app/main.ts')]);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toBe('50 row 0 first\n');
    // A row of two properties is too small to share: each copy is eager, and the write in main.ts forces none.
    expect(siteAt(ok.report, 'test-fixtures/cli/ts-app/rows.ts', 7)).toMatchObject({ kind: 'object-spread', column: 29, executions: 50, materialized: 0, eager: 50, copyPoints: [] });
    const thrown = reportOf(['node', fixture('ts-app/main.ts')], { env: { COWLENS_TEST_THROW: '1' } });
    expect(thrown.status).toBe(1);
    expect(thrown.stderr).toContain(`${fixture('ts-app/main.ts')}:7:`);
    expect(thrown.report).toMatchObject({ exitCode: 1, complete: true });
  });

  it('without a package.json type, a file runs as Node would run it: a module when its syntax says so, CommonJS otherwise', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cowlens-no-type-'));
    writeFileSync(join(dir, 'tla.ts'), 'const xs: number[] = [1, 2];\nconst ys = [...xs];\nawait Promise.resolve();\nys.push(3);\nconsole.log(typeof require, ys.length);\n');
    writeFileSync(join(dir, 'script.ts'), 'const xs: number[] = [1, 2];\nconst ys = [...xs];\nys.push(3);\nconsole.log(typeof require, ys.length);\n');
    writeFileSync(join(dir, 'esm.js'), 'import { sep } from "node:path";\nconst ys = [...[1, 2]];\nconsole.log(typeof require, ys.length, sep.length);\n');
    const expected = { 'tla.ts': 'undefined 3\n', 'script.ts': 'function 3\n', 'esm.js': 'undefined 2 1\n' };
    for (const [file, stdout] of Object.entries(expected)) {
      const run = reportOf(['node', file], { cwd: dir });
      expect(run.stderr, file).not.toContain('ERR_');
      expect(run.stdout, file).toBe(stdout);
      expect(run.report.sites.map((s) => `${s.file}:${s.line}:${s.kind}`), file).toEqual([`${file}:2:array-spread`]);
    }
  });

  it('a program that exits early still reports, with its own exit status', () => {
    const run = reportOf(['node', fixture('exit-after-copies.cjs')], { env: { COWLENS_TEST_END: 'exit' } });
    expect(run.status).toBe(3);
    expect(run.report).toMatchObject({ exitCode: 3, complete: true });
    expect(run.report.totals.executions).toBe(5);
  });

  it('a killed program gives the figures flushed before, marked incomplete', () => {
    const run = reportOf(['node', fixture('exit-after-copies.cjs')], { env: { COWLENS_TEST_END: 'kill' } });
    expect(run.status).toBe(137);
    expect(run.report).toMatchObject({ exitCode: null, signal: 'SIGKILL', complete: false });
    expect(run.report.incomplete.join('\n')).toMatch(/killed by SIGKILL/);
    expect(run.report.totals.executions).toBe(5);
  });

  it('--timeout stops a program that never ends and reports what it gathered', () => {
    const started = Date.now();
    const run = reportOf(['node', fixture('exit-after-copies.cjs')], { env: { COWLENS_TEST_END: 'hang' }, extra: ['--timeout', '3'] });
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(run.report.complete).toBe(false);
    expect(run.report.incomplete.join('\n')).toMatch(/--timeout 3/);
    expect(run.report.totals.executions).toBe(5);
    expect(run.status).toBe(143);
  });

  it('every Node process the command starts is instrumented and merged', () => {
    const run = reportOf(['node', fixture('parent.cjs')]);
    expect(run.stdout).toBe('parent 100\nchild 49 50\n');
    expect(run.report.processes).toBe(2);
    expect(siteAt(run.report, 'test-fixtures/cli/parent.cjs', 4)).toMatchObject({ kind: 'array-spread' });
    expect(siteAt(run.report, 'test-fixtures/cli/child.cjs', 2)).toMatchObject({ kind: 'map-copy', materialized: 1 });
  });

  it('node --test and npm test run under it', () => {
    const nodeTest = reportOf(['node', '--test', fixture('node-test.test.mjs')]);
    expect(nodeTest.status).toBe(0);
    expect(nodeTest.report.sites.map((s) => s.kind)).toContain('object-spread');
    const npm = reportOf(['npm', 'test', '--silent'], { cwd: fixture('npm-project') });
    expect(npm.status).toBe(0);
    expect(npm.stdout).toContain('npm project 3');
    expect(npm.report.sites).toEqual([expect.objectContaining({ file: 'index.js', line: 2, kind: 'object-spread' })]);
  });

  it('vitest runs the test files instrumented with its module runner on or off (vitest 4.1+), each site counted once', () => {
    const cwd = fixture('vitest-project');
    const vitest = join(REPO, 'node_modules/vitest/vitest.mjs');
    for (const args of [['run'], ['run', '--experimental.viteModuleRunner=false']]) {
      const run = reportOf(['node', vitest, ...args], { cwd });
      expect(run.status, args.join(' ')).toBe(0);
      expect(run.report.sites, args.join(' ')).toEqual([expect.objectContaining({ file: 'sum.test.mjs', line: 4, kind: 'object-spread', executions: 1, materialized: 0, eager: 1 })]);
    }
  });

  it('without --out the text report goes to stderr, and no progress line is drawn off a terminal', () => {
    const run = cowlens(['report', '--', 'node', fixture('copies.mjs')]);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(plainNode([fixture('copies.mjs')]).stdout);
    expect(run.stderr).toMatch(/cowlens report: observe mode/);
    expect(run.stderr).toMatch(/copies\.mjs:4:41\s+object-spread\s+10\s+0\s+10\s/);
    expect(run.stderr).not.toContain('\r');
  });

  it('on a terminal a live progress line is redrawn in place while the program runs', () => {
    // script(1) gives the run a pseudo-terminal, as a developer's shell would.
    const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} report -- node ${JSON.stringify(fixture('slow-copies.mjs'))}`;
    const result = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: REPO, env: { ...process.env, NODE_OPTIONS: '' }, encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('copies made');
    // Each redraw goes back to the start of the line and clears it.
    expect(result.stdout).toContain('\r\u001b[K');
    expect(result.stdout).toMatch(/cowlens ▸ 1 sites · \d+ copies/);
    // The report follows (coloured or not, as the terminal's settings say).
    expect(result.stdout.replaceAll('\u001b[22m', '')).toContain('cowlens report: observe mode');
  });

  it('every format can be written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cowlens-formats-'));
    for (const format of ['text', 'json', 'sarif', 'markdown']) {
      const out = join(dir, `report.${format}`);
      const run = cowlens(['report', '--format', format, '--out', out, '--', 'node', fixture('copies.mjs')]);
      expect(run.status).toBe(0);
      expect(readFileSync(out, 'utf8')).toContain(format === 'sarif' ? '"version": "2.1.0"' : 'copies.mjs');
    }
  });

  it("without --format, writes the format --out's extension names, and text otherwise", () => {
    const dir = mkdtempSync(join(tmpdir(), 'cowlens-out-format-'));
    const written = (name: string, extra: string[] = []): { text: string; stderr: string } => {
      const out = join(dir, name);
      const run = cowlens(['report', ...extra, '--out', out, '--', 'node', fixture('copies.mjs')]);
      expect(run.status).toBe(0);
      return { text: readFileSync(out, 'utf8'), stderr: run.stderr };
    };
    const json = written('report.json');
    expect((JSON.parse(json.text) as Report).tool.name).toBe('cowlens');
    expect(json.stderr).toContain('json report written to');
    expect(JSON.parse(written('cowlens.SARIF').text)).toMatchObject({ version: '2.1.0' });
    expect(written('summary.md').text).toMatch(/^#/m);
    expect(written('report.txt').text).toContain('cowlens report: observe mode');
    expect(written('forced.json', ['--format', 'text']).text).toContain('cowlens report: observe mode');
  });
});

describe('writes cowlens cannot see', () => {
  it('a copy whose source a package writes later is reported as a hazard in cow mode, and fails --fail-on-hazard', () => {
    const program = fixture('hazard/main.mjs');
    const run = reportOf(['node', program], { mode: 'cow' });
    expect(run.report.hazards).toEqual([expect.objectContaining({ file: 'test-fixtures/cli/hazard/main.mjs', line: 6, kind: 'uninstrumented-write', count: 1 })]);
    expect(run.report.totals.hazards).toBe(1);
    const failing = cowlens(['report', '--mode', 'cow', '--fail-on-hazard', '--', 'node', program]);
    expect(failing.status).toBe(97);
    expect(reportOf(['node', program], { mode: 'observe' }).report.hazards).toEqual([]);
  });

  it('a shared value handed to a package is copied for the copies first: the output does not change', () => {
    const program = join(FIXTURES, '..', 'threads', 'main.mjs');
    const plain = plainNode([program]);
    const run = reportOf(['node', program], { mode: 'cow' });
    expect(run.stdout).toBe(plain.stdout);
    const slice = run.report.sites.find((s) => s.kind === 'array-slice')!;
    expect(slice.copyPoints).toEqual([expect.objectContaining({ file: 'test-fixtures/threads/main.mjs', line: 20, count: 1 })]);
  });
});

describe('cowlens report budgets and errors', () => {
  it('--max-bytes-copied fails a run that copies more, with its own status', () => {
    const run = cowlens(['report', '--max-bytes-copied', '1kB', '--', 'node', fixture('copies.mjs')]);
    expect(run.status).toBe(97);
    expect(run.stderr).toMatch(/budget: failed/);
    expect(cowlens(['report', '--max-bytes-copied', '1GB', '--', 'node', fixture('copies.mjs')]).status).toBe(0);
  });

  it('--baseline lists regressions and --max-regression fails on them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cowlens-baseline-'));
    const baseline = reportOf(['node', fixture('copies.mjs')]).report;
    const smaller = { ...baseline, sites: baseline.sites.map((s) => ({ ...s, bytesCopied: Math.floor(s.bytesCopied / 2) })) };
    const path = join(dir, 'baseline.json');
    writeFileSync(path, JSON.stringify({ ...smaller, totals: { ...smaller.totals, bytesCopied: smaller.sites.reduce((n, s) => n + s.bytesCopied, 0) } }));
    const listed = cowlens(['report', '--baseline', path, '--', 'node', fixture('copies.mjs')]);
    expect(listed.status).toBe(0);
    expect(listed.stderr).toMatch(/regressions against the baseline/);
    const failed = cowlens(['report', '--baseline', path, '--max-regression', '10', '--', 'node', fixture('copies.mjs')]);
    expect(failed.status).toBe(97);
  });

  it('a bad baseline, a missing command and a bad option fail clearly, before anything runs', () => {
    const badBaseline = cowlens(['report', '--baseline', '/nonexistent/old.json', '--', 'node', fixture('copies.mjs')]);
    expect(badBaseline.status).toBe(98);
    expect(badBaseline.stderr).toMatch(/--baseline/);
    expect(badBaseline.stdout).toBe('');
    const missing = cowlens(['report', '--', 'no-such-command-xyz']);
    expect(missing.status).toBe(98);
    expect(missing.stderr).toMatch(/no-such-command-xyz/);
    expect(missing.stderr).not.toMatch(/\n\s+at /);
    const badOption = cowlens(['report', '--mode', 'lazy', '--', 'node', fixture('copies.mjs')]);
    expect(badOption.status).toBe(98);
    expect(badOption.stderr).toMatch(/lazy/);
  });
});

describe('colours', () => {
  // eslint-disable-next-line no-control-regex -- an ANSI escape is what the assertion looks for
  const ANSI = /\u001b\[/;
  const noColorEnv = { CI: 'true', FORCE_COLOR: undefined, NO_COLOR: undefined };

  it('are off in output piped on a CI machine, where picocolors alone would turn them on', () => {
    const scan = cowlens(['scan', fixture('copies.mjs')], { env: noColorEnv });
    expect(scan.stdout).toMatch(/copies\.mjs:\d+:\d+ {2}/);
    expect(scan.stdout).not.toMatch(ANSI);
    const report = cowlens(['report', '--max-bytes-copied', '1', '--', 'node', fixture('copies.mjs')], { env: noColorEnv });
    expect(report.stderr).toMatch(/cowlens budget: failed/);
    expect(report.stderr).not.toMatch(ANSI);
  });

  it('are on in piped output when the user sets FORCE_COLOR', () => {
    const scan = cowlens(['scan', fixture('copies.mjs')], { env: { ...noColorEnv, FORCE_COLOR: '1' } });
    expect(scan.stdout).toMatch(ANSI);
  });
});
