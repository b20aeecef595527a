/**
 * The CLI under input a repository, a program or a user can get wrong on purpose or by accident
 * (issue 15, items 7 to 12 and 14): links to devices and secrets, FIFOs, link loops, huge and
 * generated files, file names that carry control characters, options that cannot work together,
 * reports that cannot be written or merged. Everything runs the built `cowlens` in real processes
 * on real files.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { validateReport } from '../../src/report/validate-report.js';
import type { Report } from '../../src/report/model.js';
import { cowlens, reportOf } from './run-cowlens.js';

const tempDir = (name: string): string => mkdtempSync(join(tmpdir(), `cowlens-${name}-`));

/** A name no CI log may see raw: a line break that starts a GitHub Actions command, and an ANSI colour. */
const HOSTILE_NAME = 'evil\n::error file=app.js,line=1::injected\u001b[31m.js';

/** Lines a CI runner would take as commands, and escape sequences a terminal would act on. */
function expectInert(output: string): void {
  expect(output.split('\n').filter((line) => line.startsWith('::'))).toEqual([]);
  // eslint-disable-next-line no-control-regex -- what must not be printed raw is control characters
  expect(output).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
}

describe('cowlens scan on a hostile checkout (item 7)', () => {
  let root: string;
  let outside: string;

  beforeAll(() => {
    root = tempDir('hostile-scan');
    outside = tempDir('outside');
    writeFileSync(join(outside, 'secret.js'), 'const leaked = { ...secret };\n');
    writeFileSync(join(root, 'ok.js'), 'export const a = { ...b };\n');
    symlinkSync('/dev/zero', join(root, 'zero.js'));
    symlinkSync(join(outside, 'secret.js'), join(root, 'secret.js'));
    symlinkSync(outside, join(root, 'outside-dir'));
    execFileSync('mkfifo', [join(root, 'x.js')]);
    symlinkSync('loop2.js', join(root, 'loop1.js'));
    symlinkSync('loop1.js', join(root, 'loop2.js'));
    mkdirSync(join(root, 'sub'));
    symlinkSync('..', join(root, 'sub', 'up'));
    symlinkSync('../ok.js', join(root, 'sub', 'alias.js'));
  });

  it('reads regular files only, follows links only inside the folder, and never blocks', () => {
    const run = cowlens(['scan', '--format', 'json', '.'], { cwd: root });
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout) as { sites: { file: string; line: number }[]; diagnostics: { file: string; message: string }[]; files: number };
    // ok.js once, by its own name, though a link inside the folder leads to it too.
    expect(result.sites.map((s) => `${s.file}:${s.line}`)).toEqual(['ok.js:1']);
    expect(result.files).toBe(1);
    const warnings = Object.fromEntries(result.diagnostics.map((d) => [d.file, d.message]));
    expect(warnings['zero.js']).toMatch(/symbolic link to \/dev\/zero, outside the folder scanned/);
    expect(warnings['secret.js']).toMatch(/outside the folder scanned/);
    expect(warnings['outside-dir']).toMatch(/outside the folder scanned/);
    expect(warnings['x.js']).toBe('skipped: a FIFO');
    expect(warnings['loop1.js']).toBe('skipped: a symbolic link that loops');
    expect(warnings['loop2.js']).toBe('skipped: a symbolic link that loops');
  });

  it('named on the command line (as a shell glob names them), a device, a FIFO and a link out are skipped the same way', () => {
    const run = cowlens(['scan', 'zero.js', 'x.js', 'secret.js', 'ok.js'], { cwd: root });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^ok\.js:1:18 {2}object-spread$/m);
    expect(run.stdout).toMatch(/^x\.js:1:1 {2}warning {2}skipped: a FIFO$/m);
    expect(run.stdout).toMatch(/^zero\.js:1:1 {2}warning {2}skipped: a symbolic link to \/dev\/zero/m);
    expect(run.stdout).not.toContain('leaked');
  });

  it('caps the size of a file read, names the file and the option that raises the cap', () => {
    const dir = tempDir('scan-cap');
    writeFileSync(join(dir, 'generated.js'), `${'// padding padding padding padding padding padding padding padding\n'.repeat(20_000)}const c = [...d];\n`);
    const capped = cowlens(['scan', '--max-file-size', '1MB', '.'], { cwd: dir });
    expect(capped.status).toBe(0);
    expect(capped.stdout).toMatch(/^generated\.js:1:1 {2}warning {2}skipped: 1\.\d MB is larger than the 1\.0 MB limit \(raise it with --max-file-size\)$/m);
    const raised = cowlens(['scan', '--max-file-size', '2MB', '.'], { cwd: dir });
    expect(raised.stdout).toMatch(/^generated\.js:20001:11 {2}array-spread$/m);
  });
});

describe('control characters in file names and messages (item 8)', () => {
  let dir: string;

  beforeAll(() => {
    dir = tempDir('names');
    writeFileSync(join(dir, HOSTILE_NAME), 'const xs = [1, 2, 3];\nconst ys = [...xs];\nys.push(4);\nconsole.log(ys.length);\n');
    writeFileSync(join(dir, 'broken\u001b[2J.ts'), 'const z = { ...o ;\n');
  });

  it('scan escapes them in its text output and keeps them exact in JSON', () => {
    const text = cowlens(['scan', '.'], { cwd: dir });
    expectInert(text.stdout);
    expect(text.stdout).toContain('evil\\n::error file=app.js,line=1::injected\\x1b[31m.js:2:12  array-spread');
    expect(text.stdout).toContain('broken\\x1b[2J.ts:1:11  object-spread');
    const json = cowlens(['scan', '--format', 'json', '.'], { cwd: dir });
    const parsed = JSON.parse(json.stdout) as { sites: { file: string }[] };
    expect(parsed.sites.map((s) => s.file).sort()).toEqual(['broken\u001b[2J.ts', HOSTILE_NAME]);
  });

  it('report escapes them in the text report, the budget lines and the markdown, and keeps them exact in JSON and SARIF', () => {
    const text = cowlens(['report', '--max-bytes-copied', '1', '--', 'node', HOSTILE_NAME], { cwd: dir });
    expect(text.status).toBe(97);
    expect(text.stdout).toBe('4\n');
    expectInert(text.stderr);
    expect(text.stderr).toContain('evil\\n::error file=app.js,line=1::injected\\x1b[31m.js:2:12');
    const markdown = cowlens(['report', '--format', 'markdown', '--out', '-', '--', 'node', HOSTILE_NAME], { cwd: dir });
    expectInert(markdown.stdout);
    const json = reportOf(['node', HOSTILE_NAME], { cwd: dir });
    expect(json.report.sites.map((s) => s.file)).toEqual([HOSTILE_NAME]);
    const sarif = cowlens(['report', '--format', 'sarif', '--out', '-', '--', 'node', HOSTILE_NAME], { cwd: dir });
    expect(() => JSON.parse(sarif.stdout.replace(/^4\n/, '')) as unknown).not.toThrow();
  });
});

describe('options are checked before anything runs (item 9)', () => {
  const dir = tempDir('options');
  const program = join(dir, 'marks.js');
  const marker = join(dir, 'ran');
  writeFileSync(program, `require('node:fs').writeFileSync(${JSON.stringify(marker)}, 'ran');\n`);

  it('--max-regression without --baseline, a baseline of the other mode, and an --out that is a directory fail at once, with 98', () => {
    const observeBaseline = reportOf(['node', program]).report;
    const baselinePath = join(dir, 'observe.json');
    writeFileSync(baselinePath, JSON.stringify(observeBaseline));
    rmSync(marker);
    const cases = [
      { args: ['--max-regression', '5'], says: /--max-regression needs --baseline/ },
      { args: ['--mode', 'cow', '--baseline', baselinePath], says: /written in observe mode and this run is in cow mode/ },
      { args: ['--out', dir], says: /is a directory/ },
    ];
    for (const { args, says } of cases) {
      const run = cowlens(['report', ...args, '--', 'node', program], { cwd: dir });
      expect(run.status, args.join(' ')).toBe(98);
      expect(run.stderr, args.join(' ')).toMatch(says);
      expect(existsSync(marker), `${args.join(' ')}: the program ran`).toBe(false);
    }
  });
});

describe('the program’s status wins over a report that cannot be written (item 10)', () => {
  const dir = tempDir('precedence');
  writeFileSync(join(dir, 'fails.js'), 'const a = [...[1, 2]];\nconsole.log(a.length);\nprocess.exit(3);\n');
  writeFileSync(join(dir, 'passes.js'), 'const a = [...[1, 2]];\nconsole.log(a.length);\n');

  it('a program that exits 3 gives 3 when --out cannot be written (a full disk), and stderr says where; one that succeeds gives 99', () => {
    const failing = cowlens(['report', '--format', 'json', '--out', '/dev/full', '--', 'node', 'fails.js'], { cwd: dir });
    expect(failing.stdout).toBe('2\n');
    expect(failing.status).toBe(3);
    expect(failing.stderr).toMatch(/cannot write \/dev\/full: ENOSPC/);
    expect(failing.stderr).toMatch(/the json report was not written/);
    const passing = cowlens(['report', '--out', '/dev/full', '--', 'node', 'passes.js'], { cwd: dir });
    expect(passing.status).toBe(99);
    expect(passing.stderr).toMatch(/cannot write \/dev\/full/);
  });
});

describe('no report cowlens writes fails its own schema (item 11)', () => {
  let dir: string;
  let valid: Report;

  beforeAll(() => {
    dir = tempDir('numbers');
    writeFileSync(join(dir, 'copies.js'), 'const xs = [1, 2, 3];\nconst ys = [...xs];\nconsole.log(ys.length);\n');
    valid = reportOf(['node', 'copies.js'], { cwd: dir }).report;
  });

  const withBytes = (bytes: number): Report => ({
    ...valid,
    totals: { ...valid.totals, bytesCopied: bytes },
    sites: valid.sites.map((site) => ({ ...site, bytesCopied: bytes })),
  });

  it('merge refuses reports whose sums no report can carry exactly, with 98, and writes nothing', () => {
    const shard = join(dir, 'shard.json');
    // Each a valid report; together 2 × 5e15 = 1e16, past 2^53 − 1.
    writeFileSync(shard, JSON.stringify(withBytes(5e15)));
    expect(validateReport(JSON.parse(readFileSync(shard, 'utf8'))).ok).toBe(true);
    const out = join(dir, 'merged.json');
    const run = cowlens(['merge', '--out', out, shard, shard], { cwd: dir });
    expect(run.status).toBe(98);
    expect(run.stderr).toMatch(/the bytesCopied of the site copies\.js:2:12 array-spread add up to 10000000000000000, beyond ±9007199254740991/);
    expect(existsSync(out)).toBe(false);
  });

  it('what would have summed to Infinity (written as null) is refused as input already', () => {
    const shard = join(dir, 'huge.json');
    writeFileSync(shard, JSON.stringify(withBytes(1e308)));
    const run = cowlens(['merge', shard, shard], { cwd: dir });
    expect(run.status).toBe(98);
    expect(run.stderr).toMatch(/sites\[0\]\.bytesCopied: must be <= 9007199254740991/);
    expect(run.stdout).toBe('');
  });

  it('a run whose figures no report can carry (a program forging its spool) writes no report, and says why', () => {
    const forger = join(dir, 'forger.js');
    const batch = {
      type: 'batch',
      batch: {
        pid: 1,
        mode: 'observe',
        sites: [{ id: 1, file: forger, line: 1, column: 1, kind: 'array-spread' }],
        locations: [],
        figures: [{ site: 1, executions: 1, materialized: 0, eager: 0, bytesCopied: 1e308, bytesSaved: 0, sharedMax: 1, copyPoints: [] }],
        hazards: [],
        final: true,
      },
    };
    writeFileSync(
      forger,
      `const { appendFileSync } = require('node:fs');\nconst { join } = require('node:path');\nfor (const name of ['forged-a.ndjson', 'forged-b.ndjson']) appendFileSync(join(process.env.COWLENS_SPOOL, name), ${JSON.stringify(`${JSON.stringify(batch)}\n`)});\n`,
    );
    const out = join(dir, 'forged-report.json');
    const run = cowlens(['report', '--format', 'json', '--out', out, '--', 'node', 'forger.js'], { cwd: dir });
    expect(run.status).toBe(99);
    expect(run.stderr).toMatch(/the report does not satisfy its own schema, so it was not written:\n[^]*sites\[0\]\.bytesCopied: must be integer/);
    expect(existsSync(out)).toBe(false);
  });
});

describe('bad input from the user exits 98 everywhere (item 12)', () => {
  const dir = tempDir('usage');
  writeFileSync(join(dir, 'not-json.json'), 'hello');
  writeFileSync(join(dir, 'not-a-report.json'), '{"sites": []}');

  it('merge: a missing, a non-JSON and a non-report input', () => {
    for (const input of ['missing.json', 'not-json.json', 'not-a-report.json']) {
      const run = cowlens(['merge', input], { cwd: dir });
      expect(run.status, input).toBe(98);
      expect(run.stderr, input).toContain(input);
      expect(run.stderr, input).not.toMatch(/\n\s+at /);
    }
  });

  it('scan: a path that does not exist; report: a command that does not exist', () => {
    const scan = cowlens(['scan', 'no/such/dir'], { cwd: dir });
    expect(scan.status).toBe(98);
    expect(scan.stdout).toMatch(/no such file or directory: no\/such\/dir/);
    const report = cowlens(['report', '--', 'no-such-command-xyz'], { cwd: dir });
    expect(report.status).toBe(98);
    expect(report.stderr).toMatch(/command not found: no-such-command-xyz/);
  });
});

describe('huge generated files run as written (item 14)', () => {
  const dir = tempDir('generated');
  // A generated data module: one array literal of records, a copy site at the end.
  const generated = (records: number): string =>
    `const data = [\n${Array.from({ length: records }, (_, i) => `  { "id": ${i}, "name": "item ${i}", "tags": ["a", "b"], "nested": { "x": ${i % 7} } },\n`).join('')}];\nconst copy = [...data];\nconsole.log(data.length, copy.length);\n`;
  writeFileSync(join(dir, 'big.js'), generated(75_000));
  writeFileSync(join(dir, 'mid.js'), generated(20_000));

  it('a file over the default 5 MB is not instrumented; the report names it and the option that forces it', () => {
    const size = readFileSync(join(dir, 'big.js')).length;
    expect(size).toBeGreaterThan(5_000_000);
    const run = reportOf(['node', 'big.js'], { cwd: dir });
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('75000 75000\n');
    expect(run.report.sites).toEqual([]);
    expect(run.report.diagnostics).toEqual([
      expect.objectContaining({ severity: 'warning', file: 'big.js', message: expect.stringMatching(/big\.js is \d+\.\d MB, larger than the 5\.0 MB cowlens instruments: .*--max-file-size/) as unknown }),
    ]);
  });

  it('--max-file-size sets the limit either way', () => {
    const skipped = reportOf(['node', 'mid.js'], { cwd: dir, extra: ['--max-file-size', '1MB'] });
    expect(skipped.report.sites).toEqual([]);
    expect(skipped.report.diagnostics.map((d) => d.file)).toEqual(['mid.js']);
    const forced = reportOf(['node', 'mid.js'], { cwd: dir, extra: ['--max-file-size', '2MB'] });
    expect(forced.stdout).toBe('20000 20000\n');
    expect(forced.report.sites.map((s) => `${s.file}:${s.line}:${s.kind}`)).toEqual(['mid.js:20003:array-spread']);
    expect(forced.report.diagnostics).toEqual([]);
  });
});
