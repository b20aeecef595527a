import picocolors from 'picocolors';
import { formatScan } from '../analysis/format-scan.js';
import { scanPaths } from '../analysis/scan-paths.js';
import { ExitCode } from './exit-codes.js';
import { writeOutput } from './write-output.js';

export interface ScanCommandOptions {
  readonly format: 'text' | 'json';
  readonly out: string;
  readonly include?: readonly string[];
  readonly exclude?: readonly string[];
}

/**
 * `cowlens scan <paths...>`: the copy sites of the files, found by their syntax alone. Files that
 * do not parse still give the sites that do, and a diagnostic each; a path that does not exist
 * is a diagnostic too, and makes the status 99 so a CI typo does not pass silently.
 */
export async function scanCommand(paths: readonly string[], options: ScanCommandOptions): Promise<number> {
  const result = await scanPaths(paths, {
    cwd: process.cwd(),
    ...(options.include === undefined ? {} : { include: options.include }),
    ...(options.exclude === undefined ? {} : { exclude: options.exclude }),
  });
  const color = options.out === '-' && options.format === 'text' && process.stdout.isTTY && picocolors.isColorSupported;
  await writeOutput(options.out, formatScan(result, options.format, color));
  const missing = result.diagnostics.some((d) => d.message.startsWith('no such file or directory'));
  return missing ? ExitCode.CowlensFailed : ExitCode.Ok;
}
