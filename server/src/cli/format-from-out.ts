import { extname } from 'node:path';
import type { ReportFormat } from '../report/format-report.js';

const BY_EXTENSION: Readonly<Record<string, ReportFormat>> = { '.json': 'json', '.sarif': 'sarif', '.md': 'markdown', '.markdown': 'markdown' };

/**
 * The report format when `--format` is not given: the one `--out`'s extension names
 * (`report.json`, `cowlens.sarif`, `summary.md`), else text. A file named `.json` holding a text
 * table would break whatever reads it next.
 */
export function formatFromOut(out: string | undefined): ReportFormat {
  return (out === undefined ? undefined : BY_EXTENSION[extname(out).toLowerCase()]) ?? 'text';
}
