import type { Report } from './model.js';

/** The report as the schema describes it: what baselines, merges and the editor read back. */
export function formatJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
