import { statSync } from 'node:fs';
import { printable } from '../report/printable.js';
import { UserError } from './exit-codes.js';

/**
 * `--out` checked before anything runs: a path that is a directory can never take the report.
 * Whatever else stops the write (a full disk, a directory made read-only meanwhile) is only
 * known when writing, and is reported then.
 */
export function checkOutputPath(out: string): void {
  if (out === '-') return;
  const stats = statSync(out, { throwIfNoEntry: false });
  if (stats?.isDirectory() === true) throw new UserError(`cowlens: --out ${printable(out)} is a directory: give the path of a file to write the report to (or - for stdout).`);
}
