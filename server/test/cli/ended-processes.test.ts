/**
 * Child processes their parent kills, as foreground-child (c8, tap) kills its watchdog: one that
 * runs code from its command line (`node -e`) and ran no instrumented code had no figures to lose,
 * and the run stays complete; one that ran instrumented code may have lost its last figures, and
 * the report says so. The parent kills the child once the child says it is running, so that the
 * test does not depend on how long a process takes to start.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportOf } from './run-cowlens.js';

const dir = mkdtempSync(join(tmpdir(), 'cowlens-ended-processes-'));
const write = (name: string, text: string): string => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};

const copier = write(
  'copier.cjs',
  "const base = { a: 1, list: [1, 2, 3] };\nlet n = 0;\nsetInterval(() => {\n  for (let i = 0; i < 1000; i++) n += ({ ...base }).a;\n  if (n === 1000) console.log('running');\n}, 1);\n",
);
const killing = (code: string): string =>
  write(
    `main-${String(code.length)}.mjs`,
    [
      "import { spawn } from 'node:child_process';",
      `const child = spawn(process.execPath, ['-e', ${JSON.stringify(code)}], { stdio: ['ignore', 'pipe', 'inherit'] });`,
      "child.stdout.once('data', () => child.kill('SIGKILL'));",
      "child.on('exit', (code, signal) => console.log('ended', code, signal));",
      '',
    ].join('\n'),
  );

describe('child processes their parent kills', () => {
  it('one running code from its command line that ran no instrumented code leaves the run complete', () => {
    const run = reportOf(['node', killing("console.log('running'); setInterval(() => {}, 1000)")], { mode: 'observe', cwd: dir });
    expect(run.stdout).toBe('ended null SIGKILL\n');
    expect(run.report.processes).toBe(2);
    expect(run.report).toMatchObject({ complete: true, incomplete: [] });
  });

  it('one running code from its command line that ran instrumented code makes the run incomplete', () => {
    const run = reportOf(['node', killing(`require(${JSON.stringify(copier)})`)], { mode: 'observe', cwd: dir });
    expect(run.stdout).toBe('ended null SIGKILL\n');
    expect(run.report.complete).toBe(false);
    expect(run.report.incomplete.join('\n')).toMatch(/process pid \d+ \(node\) ended without sending its last figures/);
  });
});
