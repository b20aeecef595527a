import type { CopyPointReport, HazardReport, Place, SiteReport } from './model.js';

/**
 * The one order every report is written in, so two reports of the same figures are equal as JSON
 * whatever order their processes or shards arrived in. Each order is total: after the figure a
 * person cares about, ties break on place and kind. Strings compare by code unit, never by
 * locale, so the order is the same on every machine.
 */

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function comparePlaces(a: Place, b: Place): number {
  return compareText(a.file, b.file) || a.line - b.line || a.column - b.column;
}

/** Largest `bytesCopied + bytesSaved` first: the sites whose copying matters most. */
export function sortSites(sites: readonly SiteReport[]): SiteReport[] {
  return [...sites].sort(
    (a, b) =>
      b.bytesCopied + b.bytesSaved - (a.bytesCopied + a.bytesSaved) ||
      comparePlaces(a, b) ||
      compareText(a.kind, b.kind),
  );
}

/** Largest count first: the write that forced most copies is the one to look at. */
export function sortCopyPoints(points: readonly CopyPointReport[]): CopyPointReport[] {
  return [...points].sort((a, b) => b.count - a.count || b.bytes - a.bytes || comparePlaces(a, b));
}

/** By place, so a site's hazards stay together. */
export function sortHazards(hazards: readonly HazardReport[]): HazardReport[] {
  return [...hazards].sort(
    (a, b) => comparePlaces(a, b) || compareText(a.kind, b.kind) || compareText(a.message, b.message),
  );
}
