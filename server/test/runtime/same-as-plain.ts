import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cowlens, plainNode } from '../cli/run-cowlens.js';

/** Programs by file name: their source, and what running each the same as plain node shows. */
export type SameAsPlainPrograms = Readonly<Record<string, readonly [source: string, what: string]>>;

/**
 * One test a program: run with plain `node`, then through `cowlens report` in observe and in cow
 * mode (real processes), it prints the same on stdout and stderr (cowlens's own summary lines
 * aside) and exits alike. `reportArgs` go to `cowlens report` before the command.
 */
export function describeSameAsPlain(title: string, programs: SameAsPlainPrograms, reportArgs: readonly string[] = []): void {
  describe(title, () => {
    const dir = mkdtempSync(join(tmpdir(), 'cowlens-same-as-plain-'));
    for (const [file, [source]] of Object.entries(programs)) writeFileSync(join(dir, file), source);
    for (const [file, [, what]] of Object.entries(programs)) {
      it(`${file}: ${what}`, () => {
        const plain = plainNode([file], { cwd: dir });
        expect(plain.status).toBe(0);
        for (const mode of ['observe', 'cow'] as const) {
          const run = cowlens(['report', '--mode', mode, '--format', 'json', '--out', join(dir, `${file}.${mode}.json`), ...reportArgs, '--', 'node', file], { cwd: dir });
          const stderr = run.stderr.split('\n').filter((line) => !line.startsWith('cowlens: ')).join('\n');
          expect({ mode, status: run.status, stdout: run.stdout, stderr }).toEqual({ mode, status: plain.status, stdout: plain.stdout, stderr: plain.stderr });
        }
      });
    }
  });
}
