import type { FileSet } from '../analysis/file-set.js';
import { fileSetProblem } from '../analysis/file-set-problem.js';
import { formatScan } from '../analysis/format-scan.js';
import { scanPaths } from '../analysis/scan-paths.js';
import { ExitCode, UserError } from './exit-codes.js';
import { checkOutputPath } from './output-path.js';
import { useColor } from './use-color.js';
import { writeOutput } from './write-output.js';

export interface ScanCommandOptions {
  readonly format: 'text' | 'json';
  readonly out: string;
  readonly files: FileSet;
  readonly maxFileSize: number;
}

/**
 * `cowlens scan <paths...>`: the copy sites of the files, found by their syntax alone. Files that
 * do not parse, cannot be read or are left alone (too large, not regular files, links out of the
 * folder) still give a diagnostic each; a path that does not exist is a diagnostic too, and makes
 * the status the usage error's, so a CI typo does not pass silently.
 */
export async function scanCommand(paths: readonly string[], options: ScanCommandOptions): Promise<number> {
  const fileProblem = fileSetProblem(options.files, (option) => `--${option}`);
  if (fileProblem !== undefined) throw new UserError(`cowlens: ${fileProblem}`);
  checkOutputPath(options.out);
  const result = await scanPaths(paths, { cwd: process.cwd(), maxFileSize: options.maxFileSize, ...options.files });
  const color = options.out === '-' && options.format === 'text' && useColor(process.stdout);
  await writeOutput(options.out, formatScan(result, options.format, color));
  return result.missing.length > 0 ? ExitCode.Usage : ExitCode.Ok;
}
