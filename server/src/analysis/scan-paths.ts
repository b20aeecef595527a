/**
 * `cowlens scan`: the copy sites of every file under the given paths, from syntax alone. Nothing
 * here throws for the user's files: a missing path, an unreadable, binary or huge file, a link out
 * of the folder, a device or a FIFO becomes a diagnostic and the scan goes on.
 */
import { collectFiles } from './collect-files.js';
import type { FileSet } from './file-set.js';
import { relativePath } from './relative-path.js';
import { DEFAULT_MAX_FILE_SIZE, readSourceFile } from './read-source-file.js';
import { type ScanDiagnostic, scanSource, type StaticSite } from './scan-source.js';

export interface ScanOptions extends Partial<FileSet> {
  cwd: string;
  /** Larger files are skipped with a diagnostic; `DEFAULT_MAX_FILE_SIZE` when not given. */
  maxFileSize?: number;
}

export interface ScanResult {
  sites: StaticSite[];
  diagnostics: ScanDiagnostic[];
  /** How many files were parsed. */
  files: number;
  /** The given paths that do not exist, as given. */
  missing: string[];
  durationMs: number;
}

function fileDiagnostic(file: string, message: string, severity: ScanDiagnostic['severity']): ScanDiagnostic {
  return { file, line: 1, column: 1, message, severity };
}

function byPlace(a: { file: string; line: number; column: number }, b: { file: string; line: number; column: number }): number {
  return (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.column - b.column;
}

export async function scanPaths(paths: readonly string[], options: ScanOptions): Promise<ScanResult> {
  const started = performance.now();
  const { files, missing, skipped } = await collectFiles(paths, options);
  const limits = { maxBytes: options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE, raiseWith: 'raise it with --max-file-size' };
  const sites: StaticSite[] = [];
  const diagnostics = missing.map((path) => fileDiagnostic(path, `no such file or directory: ${path}`, 'error'));
  for (const { path, reason } of skipped) diagnostics.push(fileDiagnostic(relativePath(options.cwd, path), reason, 'warning'));
  let parsed = 0;
  for (const { path, real } of files) {
    const file = relativePath(options.cwd, path);
    const source = readSourceFile(real, limits);
    if ('skipped' in source) {
      diagnostics.push(fileDiagnostic(file, source.skipped, 'warning'));
      continue;
    }
    const scan = scanSource(file, source.text);
    parsed++;
    for (const site of scan.sites) sites.push(site);
    for (const diagnostic of scan.diagnostics) diagnostics.push(diagnostic);
  }
  sites.sort(byPlace);
  diagnostics.sort(byPlace);
  return { sites, diagnostics, files: parsed, missing, durationMs: performance.now() - started };
}
