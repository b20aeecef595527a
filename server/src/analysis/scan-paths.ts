/**
 * `cowlens scan`: the copy sites of every file under the given paths, from syntax alone. Nothing
 * here throws for the user's files: a missing path, an unreadable, binary or huge file becomes a
 * diagnostic and the scan goes on.
 */
import { readFile, stat } from 'node:fs/promises';
import { collectFiles, relativePath } from './collect-files.js';
import { type ScanDiagnostic, scanSource, type StaticSite } from './scan-source.js';

export interface ScanOptions {
  cwd: string;
  include?: readonly string[];
  exclude?: readonly string[];
}

export interface ScanResult {
  sites: StaticSite[];
  diagnostics: ScanDiagnostic[];
  /** How many files were parsed. */
  files: number;
  durationMs: number;
}

/** Files past this are generated or data, and would cost seconds to parse for nothing a person wrote. */
const MAX_FILE_BYTES = 5 * 1024 * 1024;

/** How much of a file is looked at for a NUL byte, the mark of a binary file. */
const BINARY_SNIFF_BYTES = 8000;

function fileDiagnostic(file: string, message: string, severity: ScanDiagnostic['severity']): ScanDiagnostic {
  return { file, line: 1, column: 1, message, severity };
}

type FileText = { readonly text: string } | { readonly skipped: string };

async function readSource(path: string): Promise<FileText> {
  try {
    const { size } = await stat(path);
    if (size > MAX_FILE_BYTES) return { skipped: `skipped: ${(size / 1024 / 1024).toFixed(1)} MB is larger than the 5 MB limit` };
    const bytes = await readFile(path);
    if (bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0)) return { skipped: 'skipped: binary file' };
    const text = bytes.toString('utf8');
    return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  } catch (error) {
    return { skipped: `cannot read: ${error instanceof Error ? error.message : String(error)}` };
  }
}

function byPlace(a: { file: string; line: number; column: number }, b: { file: string; line: number; column: number }): number {
  return (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.column - b.column;
}

export async function scanPaths(paths: readonly string[], options: ScanOptions): Promise<ScanResult> {
  const started = performance.now();
  const { files, missing } = await collectFiles(paths, options);
  const sites: StaticSite[] = [];
  const diagnostics = missing.map((path) => fileDiagnostic(path, `no such file or directory: ${path}`, 'error'));
  let parsed = 0;
  for (const path of files) {
    const file = relativePath(options.cwd, path);
    const source = await readSource(path);
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
  return { sites, diagnostics, files: parsed, durationMs: performance.now() - started };
}
