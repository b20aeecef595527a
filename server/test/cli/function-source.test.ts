/**
 * The source of an instrumented function reads as written (issue 11): programs in
 * test-fixtures/function-source print the source of every form a function takes, with copy sites
 * and writes inside it, at its start or end, around it; run it elsewhere (a worker made from it,
 * `new Function`); and ask Function.prototype.toString itself what a program can ask of a built-in.
 * Plain, observe and cow must print the same bytes. A test file run by vitest and by jest, each
 * through its own module runner, does the same.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { plainNode, REPO, reportOf } from './run-cowlens.js';

const DIR = join(REPO, 'test-fixtures/function-source');
const RUNNERS = join(DIR, 'runners');
const MODES = ['observe', 'cow'] as const;

/** A runner (its script and arguments, run by node) over the runners' suite, and the sources its test file wrote. */
function sourcesOf(runner: readonly string[], mode: 'plain' | 'observe' | 'cow'): { status: number | null; sources: string; stderr: string } {
  const scratch = mkdtempSync(join(tmpdir(), 'cowlens-function-source-'));
  const env = { SOURCES_OUT: join(scratch, 'sources.txt') };
  const run = mode === 'plain' ? plainNode(runner, { cwd: RUNNERS, env }) : reportOf(['node', ...runner], { mode, cwd: RUNNERS, env });
  return { status: run.status, sources: readFileSync(env.SOURCES_OUT, 'utf8'), stderr: run.stderr };
}

const jest = (): string[] => [join(REPO, 'node_modules/jest/bin/jest.js'), '--cacheDirectory', mkdtempSync(join(tmpdir(), 'cowlens-jest-cache-'))];
const vitest = [join(REPO, 'node_modules/vitest/vitest.mjs'), 'run'];

describe('instrumented functions give their source as written', () => {
  const sources = plainNode(['print-sources.mjs'], { cwd: DIR });
  const likeness = plainNode(['native-likeness.cjs'], { cwd: DIR });

  for (const mode of MODES) {
    it(`${mode}: every form of function, in CommonJS and in an ES module, and run from its source in a worker and by new Function`, () => {
      expect(sources.status).toBe(0);
      const run = reportOf(['node', 'print-sources.mjs'], { mode, cwd: DIR });
      expect({ status: run.status, stdout: run.stdout }).toEqual({ status: sources.status, stdout: sources.stdout });
      // The functions were instrumented: sites of each module ran.
      expect([...new Set(run.report.sites.map((s) => basename(s.file)))].sort()).toEqual(['forms.cjs', 'forms.mjs', 'print-sources.mjs']);
      expect(run.stdout).not.toContain('__cl$');
    });

    it(`${mode}: Function.prototype.toString answers as the built-in does`, () => {
      expect(likeness.status).toBe(0);
      const run = reportOf(['node', 'native-likeness.cjs'], { mode, cwd: DIR });
      expect({ status: run.status, stdout: run.stdout }).toEqual({ status: likeness.status, stdout: likeness.stdout });
      expect(run.report.sites.length).toBeGreaterThan(0);
    });
  }

  it("vitest: a test file's functions give the source plain vitest gives, byte for byte", () => {
    const plain = sourcesOf(vitest, 'plain');
    expect(plain.status, plain.stderr).toBe(0);
    for (const mode of MODES) {
      const run = sourcesOf(vitest, mode);
      expect({ status: run.status, sources: run.sources }, run.stderr).toEqual({ status: 0, sources: plain.sources });
    }
  });

  it("jest: a test file's functions hold none of cowlens's calls and run elsewhere (babel-jest prints them again: spacing may differ)", () => {
    for (const mode of MODES) {
      const run = sourcesOf(jest(), mode);
      // The test file runs each function made again from its source.
      expect(run.status, run.stderr).toBe(0);
      expect(run.sources).not.toContain('__cl$');
      expect(run.sources).toContain('function declaration(xs) {');
    }
  });
});
