import { sortCopyPoints, sortHazards, sortSites } from './canonical-order.js';
import { exactSum } from './exact-sum.js';
import { placeLabel } from './labels.js';
import type { CopyPointReport, Diagnostic, HazardReport, Place, Report, SiteReport } from './model.js';
import { summarizeTotals } from './summarize-totals.js';

/**
 * Merges the reports of shards of one test suite (CI jobs, `--shard` runs) into the report one run
 * would have given, as `nyc merge` does for coverage. Figures of the same site add up; the result
 * is in canonical order, so merging in any order gives the same sites, hazards and totals. What
 * describes a run rather than its figures keeps shard order: commands, incomplete reasons and
 * diagnostics are concatenated (diagnostics once each), the exit status is the first shard's that
 * was not 0, the tool is the first shard's. A sum a report cannot carry exactly throws a
 * `FigureOverflowError` naming the figure: such reports cannot be merged.
 */

const placeKey = (place: Place): string => `${place.file}\0${place.line}\0${place.column}`;

function mergeCopyPoints(points: readonly CopyPointReport[]): CopyPointReport[] {
  const byPlace = new Map<string, CopyPointReport>();
  for (const point of points) {
    const key = placeKey(point);
    const seen = byPlace.get(key);
    const what = (field: string) => () => `the ${field} of the copy point ${placeLabel(point)}`;
    byPlace.set(key, seen ? { ...seen, count: exactSum(seen.count, point.count, what('counts')), bytes: exactSum(seen.bytes, point.bytes, what('bytes')) } : point);
  }
  return sortCopyPoints([...byPlace.values()]);
}

function mergeSites(sites: readonly SiteReport[]): SiteReport[] {
  const byKey = new Map<string, SiteReport>();
  for (const site of sites) {
    const key = `${placeKey(site)}\0${site.kind}`;
    const seen = byKey.get(key);
    const what = (field: string) => () => `the ${field} of the site ${placeLabel(site)} ${site.kind}`;
    byKey.set(
      key,
      seen
        ? {
            ...seen,
            executions: exactSum(seen.executions, site.executions, what('executions')),
            materialized: exactSum(seen.materialized, site.materialized, what('materialized copies')),
            eager: exactSum(seen.eager, site.eager, what('eager copies')),
            bytesCopied: exactSum(seen.bytesCopied, site.bytesCopied, what('bytesCopied')),
            bytesSaved: exactSum(seen.bytesSaved, site.bytesSaved, what('bytesSaved')),
            sharedMax: Math.max(seen.sharedMax, site.sharedMax),
            copyPoints: [...seen.copyPoints, ...site.copyPoints],
          }
        : site,
    );
  }
  return sortSites([...byKey.values()].map((site) => ({ ...site, copyPoints: mergeCopyPoints(site.copyPoints) })));
}

function mergeHazards(hazards: readonly HazardReport[]): HazardReport[] {
  const byKey = new Map<string, HazardReport>();
  for (const hazard of hazards) {
    const key = `${placeKey(hazard)}\0${hazard.kind}\0${hazard.message}`;
    const seen = byKey.get(key);
    byKey.set(key, seen ? { ...seen, count: exactSum(seen.count, hazard.count, () => `the counts of the hazard at ${placeLabel(hazard)}`) } : hazard);
  }
  return sortHazards([...byKey.values()]);
}

/** Every shard that could not instrument a file says so; the merged report says it once. */
function mergeDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const byKey = new Map<string, Diagnostic>();
  for (const diagnostic of diagnostics) {
    const key = [diagnostic.severity, diagnostic.message, diagnostic.file, diagnostic.line, diagnostic.column].join('\0');
    if (!byKey.has(key)) byKey.set(key, diagnostic);
  }
  return [...byKey.values()];
}

function checkMergeable(reports: readonly Report[]): void {
  const first = reports[0]!;
  reports.forEach((report, i) => {
    const version: number = report.schemaVersion;
    if (version !== first.schemaVersion) {
      throw new Error(
        `Cannot merge reports of different schema versions: report 1 has version ${first.schemaVersion}, ` +
          `report ${i + 1} has version ${version}. Write all of them with the same cowlens version.`,
      );
    }
    if (report.mode !== first.mode) {
      throw new Error(
        `Cannot merge reports of different modes: report 1 ran in ${first.mode} mode, report ${i + 1} in ` +
          `${report.mode} mode. Their figures mean different things; merge the reports of each mode separately.`,
      );
    }
  });
}

function earliest(dates: readonly string[]): string {
  return dates.reduce((a, b) => (Date.parse(b) < Date.parse(a) ? b : a));
}

export function mergeReports(reports: readonly Report[]): Report {
  if (reports.length === 0) throw new Error('Cannot merge reports: no report was given.');
  checkMergeable(reports);
  const first = reports[0]!;
  const sites = mergeSites(reports.flatMap((report) => report.sites));
  const hazards = mergeHazards(reports.flatMap((report) => report.hazards));
  // A killed shard has no exit code, only a signal: it is a failure too, so it is reported as is.
  const failed = reports.find((report) => report.exitCode !== 0);
  const shardName = (i: number): string => (reports.length === 1 ? '' : `shard ${i + 1}: `);
  return {
    schemaVersion: first.schemaVersion,
    tool: first.tool,
    mode: first.mode,
    command: reports.flatMap((report) => report.command),
    exitCode: failed ? failed.exitCode : 0,
    signal: failed ? failed.signal : null,
    complete: reports.every((report) => report.complete),
    incomplete: reports.flatMap((report, i) => report.incomplete.map((reason) => `${shardName(i)}${reason}`)),
    startedAt: earliest(reports.map((report) => report.startedAt)),
    durationMs: Math.max(...reports.map((report) => report.durationMs)),
    processes: reports.reduce((sum, report) => exactSum(sum, report.processes, () => 'the processes of the reports'), 0),
    totals: summarizeTotals(sites, hazards),
    sites,
    hazards,
    diagnostics: mergeDiagnostics(reports.flatMap((report) => report.diagnostics)),
  };
}
