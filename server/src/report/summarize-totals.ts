import type { HazardReport, SiteReport, Totals } from './model.js';

/**
 * A report's totals from its sites and hazards. The one place they are computed, so a merged
 * report and a report aggregated from processes can never disagree on what a total means.
 */
export function summarizeTotals(sites: readonly SiteReport[], hazards: readonly HazardReport[]): Totals {
  let executions = 0;
  let materialized = 0;
  let eager = 0;
  let bytesCopied = 0;
  let bytesSaved = 0;
  let sharedMax = 0;
  for (const site of sites) {
    executions += site.executions;
    materialized += site.materialized;
    eager += site.eager;
    bytesCopied += site.bytesCopied;
    bytesSaved += site.bytesSaved;
    sharedMax = Math.max(sharedMax, site.sharedMax);
  }
  return { sites: sites.length, executions, materialized, eager, bytesCopied, bytesSaved, sharedMax, hazards: hazards.length };
}
