/**
 * An error raised while `require` loads a CommonJS module passes through Node's loader frames and
 * no frame of cowlens's own hooks (README, Limits, "Stack traces"). Programs in
 * test-fixtures/stack-format run under `cowlens report --quiet` and plainly; what cowlens's require
 * hook still changes is pirates's (pirates-frames.ts). The stacks print whole
 * (`--stack-trace-limit`), so that no frame goes unseen past Node's default of ten.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { instrumentSource } from '../../src/instrument/instrument-source.js';
import { pastPirates } from './pirates-frames.js';
import { type CliRun, plainNode, REPO, reportOf } from './run-cowlens.js';

const DIR = join(REPO, 'test-fixtures/stack-format');
const WHOLE_STACKS = '--stack-trace-limit=100';

function underCowlens(file: string, mode: 'observe' | 'cow'): CliRun {
  const { status, stdout, stderr } = reportOf(['node', WHOLE_STACKS, file], { mode, cwd: DIR, extra: ['--quiet'] });
  return { status, stdout, stderr };
}

/** The lines cowlens edits in `file` (1-based). */
function editedLines(file: string): number[] {
  const text = readFileSync(join(DIR, file), 'utf8').split('\n');
  const code = instrumentSource(join(DIR, file), text.join('\n')).code.split('\n');
  return text.flatMap((line, i) => (code[i] === line ? [] : [i + 1]));
}

describe('an error raised inside require shows no frame of cowlens', () => {
  const cases = [
    { file: 'require-throws.cjs', raised: /^\S+throws-while-loading\.cjs:3\n/, edited: { 'require-throws.cjs': [3], 'throws-while-loading.cjs': [2] } },
    { file: 'require-missing.cjs', raised: /^node:internal\/modules\/cjs\/loader:\d+\n/, edited: { 'require-missing.cjs': [3] } },
  ];
  for (const { file, raised, edited } of cases) {
    const plain = plainNode([WHOLE_STACKS, file], { cwd: DIR });

    it(`${file}: cowlens edits only lines that no frame points at`, () => {
      for (const [name, lines] of Object.entries(edited)) expect(editedLines(name), name).toEqual(lines);
    });

    for (const mode of ['observe', 'cow'] as const) {
      it(`${mode}: ${file}: status, output and uncaught error as plain Node's, but for pirates's frames`, () => {
        expect(plain.status).toBe(1);
        expect(plain.stderr).toMatch(raised);
        const run = underCowlens(file, mode);
        expect(run.stderr).not.toContain(join(REPO, 'server'));
        expect({ ...run, stderr: pastPirates(run.stderr) }).toEqual({ ...plain, stderr: pastPirates(plain.stderr) });
      });
    }
  }
});
