/**
 * Issue 11 (the hostile run's repros 18 and 19): @babel/register, whose require hook compiles
 * modules as cowlens's does, with a disk cache found by a module's name and modification time.
 * Registered by the program, after cowlens's hook, it compiles what cowlens instrumented: a run of
 * cowlens must leave nothing of it in the cache a plain run reads, nor take a plain run's output
 * from there. Registered with `node -r`, before cowlens's hook, it hands cowlens its own output:
 * the sites must be placed on the lines of the file as written (lib.js:5), not on babel's (10).
 * The suite locks babel in test-fixtures/babel-register, installed from its lockfile when missing.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { installLockedSuite } from './locked-suites.js';
import { FIXTURES, plainNode, reportOf } from './run-cowlens.js';

const SUITE = join(FIXTURES, '..', 'babel-register');
const OUTPUT = '[ 1, 2, 3 ] a/b\n';

function sitesOf(report: { sites: readonly { file: string; line: number; column: number; kind: string; executions: number }[] }): string[] {
  return report.sites.map((s) => `${s.file}:${String(s.line)}:${String(s.column)} ${s.kind} ×${String(s.executions)}`);
}

describe('@babel/register under cowlens', () => {
  beforeAll(() => {
    installLockedSuite(SUITE, '@babel/register');
  }, 300_000);

  it('registered by the program: plain, cowlens, plain again, with one babel cache; each run compiles what it runs', () => {
    // The program's own cache, where a plain run keeps babel's output of lib.js.
    const env = { BABEL_CACHE_PATH: join(mkdtempSync(join(tmpdir(), 'cowlens-babel-cache-')), 'babel.json') };
    const first = plainNode(['registers.js'], { cwd: SUITE, env });
    expect({ status: first.status, stdout: first.stdout, stderr: first.stderr }).toEqual({ status: 0, stdout: OUTPUT, stderr: '' });
    for (const mode of ['observe', 'cow'] as const) {
      const run = reportOf(['node', 'registers.js'], { mode, cwd: SUITE, env, extra: ['--quiet'] });
      expect({ status: run.status, stdout: run.stdout }).toEqual({ status: 0, stdout: OUTPUT });
      expect(sitesOf(run.report)).toEqual(['lib.js:5:13 array-spread ×1']);
      const plain = plainNode(['registers.js'], { cwd: SUITE, env });
      expect({ status: plain.status, stdout: plain.stdout, stderr: plain.stderr }).toEqual({ status: 0, stdout: OUTPUT, stderr: '' });
    }
  });

  it('with `node -r @babel/register`: sites on the lines and columns of the file as written', () => {
    const env = { BABEL_DISABLE_CACHE: '1' };
    for (const mode of ['observe', 'cow'] as const) {
      const run = reportOf(['node', '-r', '@babel/register', 'main.js'], { mode, cwd: SUITE, env, extra: ['--quiet'] });
      expect({ status: run.status, stdout: run.stdout }).toEqual({ status: 0, stdout: OUTPUT });
      expect(sitesOf(run.report)).toEqual(['lib.js:5:13 array-spread ×1']);
    }
  });
});
