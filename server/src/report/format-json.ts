import type { Report } from './model.js';
import { printableJson } from './printable.js';

/** The report as the schema describes it: what baselines, merges and the editor read back. */
export function formatJson(report: Report): string {
  return `${printableJson(JSON.stringify(report, null, 2))}\n`;
}
