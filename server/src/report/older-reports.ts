import { REPORT_SCHEMA_VERSION } from './model.js';

/**
 * Reports written by an earlier cowlens, as this one reads them. Version 1 had no `eager` figures:
 * every copy it counted was either shared or written, so its sites and totals read as eager 0.
 * Anything that is not a version 1 report is handed back as it came, for the schema to judge.
 */
export const OLDEST_SCHEMA_VERSION = 1;

export function upgradeReport(value: unknown): unknown {
  if (!isRecord(value) || value.schemaVersion !== OLDEST_SCHEMA_VERSION) return value;
  const sites = Array.isArray(value.sites) ? value.sites.map(withNoEager) : value.sites;
  return { ...value, schemaVersion: REPORT_SCHEMA_VERSION, totals: withNoEager(value.totals), sites };
}

/** `figures` with `eager: 0` after `materialized`, where version 2 puts it, so a report read and written again keeps its field order. */
function withNoEager(figures: unknown): unknown {
  if (!isRecord(figures) || Object.hasOwn(figures, 'eager')) return figures;
  const entries = Object.entries(figures);
  const at = entries.findIndex(([key]) => key === 'materialized') + 1;
  entries.splice(at === 0 ? entries.length : at, 0, ['eager', 0]);
  return Object.fromEntries(entries);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
