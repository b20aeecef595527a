import type { Location, Log, Notification, PhysicalLocation, ReportingDescriptor, Result } from 'sarif';
import { formatBytes } from './byte-units.js';
import { sortHazards, sortSites } from './canonical-order.js';
import { HAZARD_SEVERITY } from './hazard-severity.js';
import { plural } from './labels.js';
import { type Diagnostic, type HazardReport, type Place, type Report, type SiteReport, UNINSTRUMENTED_FILE } from './model.js';
import { printableJson } from './printable.js';

/**
 * The report as SARIF 2.1.0 for GitHub code scanning and other SARIF viewers. Only sites worth
 * acting on become results, so an alert always has an answer:
 *
 * - `cowlens/unwritten-copy` (note): the site ran, none of its copies was ever written
 *   (`materialized === 0`) and sharing instead of copying saves at least `minBytesSaved`. Its
 *   eager copies, if any, are said apart: they shared nothing, so no write to them was watched.
 * - `cowlens/costly-copy` (warning): some copies were written (`materialized > 0`), so they cannot
 *   simply be shared, and the site copied at least `minBytesCopied`; the writes that forced the
 *   copies (copy points) are its related locations.
 * - `cowlens/hazard`: every hazard, an error or a warning as `HAZARD_SEVERITY` says.
 *
 * Incomplete reasons and diagnostics are tool notifications, not results: they are about the run,
 * not the code.
 */

export interface SarifFormatOptions {
  /** An unwritten copy site is reported when sharing would save at least this many bytes. */
  readonly minBytesSaved?: number;
  /** A written copy site is reported when it copied at least this many bytes. */
  readonly minBytesCopied?: number;
}

export const DEFAULT_SARIF_MIN_BYTES_SAVED = 100_000;
export const DEFAULT_SARIF_MIN_BYTES_COPIED = 1_000_000;

const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

/** GitHub code scanning resolves this base against the repository root. */
const SOURCE_ROOT = '%SRCROOT%';

/** The key under which results carry their fingerprint; bump its version if the value's recipe changes. */
const FINGERPRINT_KEY = 'cowlensSite/v1';

export const RULE_IDS = {
  unwrittenCopy: 'cowlens/unwritten-copy',
  costlyCopy: 'cowlens/costly-copy',
  hazard: 'cowlens/hazard',
} as const;

const RULES: readonly ReportingDescriptor[] = [
  {
    id: RULE_IDS.unwrittenCopy,
    name: 'UnwrittenCopy',
    shortDescription: { text: 'A copy that is never written' },
    fullDescription: {
      text:
        'This copy site ran, and no copy it made was ever written while the copy and its source were both alive. ' +
        'Each copy cost time and memory and bought nothing.',
    },
    help: {
      text:
        'Share the value instead of copying it, or, if a later write must not reach other holders, hand out a ' +
        "copy-on-write snapshot (cowlens' cow() and snapshot()) that copies only what is written.",
    },
    defaultConfiguration: { level: 'note' },
    properties: { tags: ['performance', 'memory'] },
  },
  {
    id: RULE_IDS.costlyCopy,
    name: 'CostlyCopy',
    shortDescription: { text: 'A written copy that copies many bytes' },
    fullDescription: {
      text:
        'This copy site copied many bytes and some of its copies were written, so they cannot simply be shared. ' +
        'The related locations are the writes that forced the copies.',
    },
    help: {
      text:
        'Copy only the part that the writes change (path copying, as immer or cow() do), or write in place ' +
        'when no one else holds the value. The related locations show which writes to look at.',
    },
    defaultConfiguration: { level: 'warning' },
    properties: { tags: ['performance', 'memory'] },
  },
  {
    id: RULE_IDS.hazard,
    name: 'CopyOnWriteHazard',
    shortDescription: { text: 'Something copy-on-write mode could not see or avoid' },
    fullDescription: {
      text:
        'An uninstrumented write changed a value that copies made here share, so those copies may show the change ' +
        '(an error), or copy-on-write mode had to copy eagerly (a warning).',
    },
    help: {
      text:
        'For an uninstrumented write, instrument the code that writes (it is often in a dependency) or copy eagerly ' +
        'at this site. For an eager fallback, the message says which value could not be shared.',
    },
    defaultConfiguration: { level: 'warning' },
    properties: { tags: ['correctness', 'copy-on-write'] },
  },
];

const RULE_INDEX = new Map(RULES.map((rule, index) => [rule.id, index]));

/** A file path as a URI reference: forward slashes, each segment percent-encoded. */
function artifactUri(file: string): { uri: string; uriBaseId?: string } {
  const path = file.replaceAll('\\', '/');
  const drive = /^[A-Za-z]:\//.exec(path)?.[0];
  const rest = drive === undefined ? path : path.slice(drive.length);
  const encoded = rest.split('/').map(encodeURIComponent).join('/');
  if (drive !== undefined) return { uri: `file:///${drive}${encoded}` };
  if (path.startsWith('/')) return { uri: `file://${encoded}` };
  return { uri: encoded, uriBaseId: SOURCE_ROOT };
}

/** Undefined for a write from uninstrumented code: SARIF has no way to say "somewhere". */
function physicalLocation(place: Place): PhysicalLocation | undefined {
  if (place.file === UNINSTRUMENTED_FILE) return undefined;
  return {
    artifactLocation: artifactUri(place.file),
    ...(place.line >= 1 ? { region: { startLine: place.line, startColumn: Math.max(1, place.column) } } : {}),
  };
}

function location(place: Place, message?: string): Location {
  const physical = physicalLocation(place);
  return {
    ...(physical ? { physicalLocation: physical } : {}),
    ...(message === undefined ? {} : { message: { text: message } }),
  };
}

function siteProperties(site: SiteReport, report: Report) {
  return {
    mode: report.mode,
    kind: site.kind,
    deep: site.deep,
    executions: site.executions,
    materialized: site.materialized,
    eager: site.eager,
    bytesCopied: site.bytesCopied,
    bytesSaved: site.bytesSaved,
    sharedMax: site.sharedMax,
  };
}

function siteResult(ruleId: string, site: SiteReport, report: Report, text: string, related?: Location[]): Result {
  return {
    ruleId,
    ruleIndex: RULE_INDEX.get(ruleId)!,
    level: ruleId === RULE_IDS.unwrittenCopy ? 'note' : 'warning',
    message: { text },
    locations: [location(site)],
    ...(related && related.length > 0 ? { relatedLocations: related } : {}),
    partialFingerprints: { [FINGERPRINT_KEY]: `${site.file}:${site.line}:${site.column}:${site.kind}` },
    properties: siteProperties(site, report),
  };
}

function copyPointLocations(site: SiteReport): Location[] {
  return site.copyPoints.map((point, id) => ({
    id,
    ...location(
      point,
      point.file === UNINSTRUMENTED_FILE
        ? `written ${point.count}× by code cowlens did not instrument (${formatBytes(point.bytes)})`
        : `written ${point.count}× here (${formatBytes(point.bytes)})`,
    ),
  }));
}

function siteResults(report: Report, minBytesSaved: number, minBytesCopied: number): Result[] {
  const results: Result[] = [];
  for (const site of sortSites(report.sites)) {
    if (site.executions > 0 && site.materialized === 0 && site.bytesSaved >= minBytesSaved) {
      const unwritten = site.eager === 0 ? 'none of its copies was ever written' : `none of the copies it shared was ever written (${eagerWords(site.eager)})`;
      const text =
        `This ${site.kind} site ran ${plural(site.executions, 'time')} and ${unwritten}: ` +
        `sharing the value instead of copying it saves ${formatBytes(site.bytesSaved)}.`;
      results.push(siteResult(RULE_IDS.unwrittenCopy, site, report, text));
    } else if (site.materialized > 0 && site.bytesCopied >= minBytesCopied) {
      const text =
        `This ${site.kind} site copied ${formatBytes(site.bytesCopied)}; ${site.materialized} of its ` +
        `${plural(site.executions, 'copy', 'copies')} were written, at ${plural(site.copyPoints.length, 'copy point')}` +
        `${site.eager === 0 ? '' : ` (${eagerWords(site.eager)})`}.`;
      results.push(siteResult(RULE_IDS.costlyCopy, site, report, text, copyPointLocations(site)));
    }
  }
  return results;
}

function eagerWords(eager: number): string {
  return `${String(eager)} more ${eager === 1 ? 'was' : 'were'} made eagerly: too small to share, or nothing a view stands for`;
}

function hazardResult(hazard: HazardReport): Result {
  return {
    ruleId: RULE_IDS.hazard,
    ruleIndex: RULE_INDEX.get(RULE_IDS.hazard)!,
    level: HAZARD_SEVERITY[hazard.kind],
    message: { text: `${hazard.message} (${hazard.kind}, ${plural(hazard.count, 'time')})` },
    locations: [location(hazard)],
    partialFingerprints: {
      [FINGERPRINT_KEY]: `${hazard.file}:${hazard.line}:${hazard.column}:${hazard.kind}:${hazard.message}`,
    },
    properties: { kind: hazard.kind, count: hazard.count },
  };
}

const NOTIFICATION_LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

function diagnosticNotification(diagnostic: Diagnostic): Notification {
  const place =
    diagnostic.file === undefined
      ? undefined
      : { file: diagnostic.file, line: diagnostic.line ?? 0, column: diagnostic.column ?? 0 };
  return {
    level: NOTIFICATION_LEVEL[diagnostic.severity],
    message: { text: diagnostic.message },
    ...(place ? { locations: [location(place)] } : {}),
  };
}

/** Both times, or neither when `startedAt` is no date (a report that was never validated). */
function runTimes(report: Report): { startTimeUtc?: string; endTimeUtc?: string } {
  const start = Date.parse(report.startedAt);
  if (Number.isNaN(start)) return {};
  return { startTimeUtc: new Date(start).toISOString(), endTimeUtc: new Date(start + report.durationMs).toISOString() };
}

export function formatSarif(report: Report, options: SarifFormatOptions = {}): string {
  const results = [
    ...siteResults(
      report,
      options.minBytesSaved ?? DEFAULT_SARIF_MIN_BYTES_SAVED,
      options.minBytesCopied ?? DEFAULT_SARIF_MIN_BYTES_COPIED,
    ),
    ...sortHazards(report.hazards).map(hazardResult),
  ];
  const notifications: Notification[] = [
    ...report.incomplete.map((reason): Notification => ({ level: 'warning', message: { text: `Incomplete report: ${reason}` } })),
    ...report.diagnostics.map(diagnosticNotification),
  ];
  const log: Log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'cowlens', version: report.tool.version, rules: [...RULES] } },
        invocations: [
          {
            executionSuccessful: report.complete,
            ...runTimes(report),
            ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}),
          },
        ],
        // Columns are offsets into JavaScript source text, which counts UTF-16 code units.
        columnKind: 'utf16CodeUnits',
        results,
        properties: {
          mode: report.mode,
          command: [...report.command],
          exitCode: report.exitCode,
          signal: report.signal,
          processes: report.processes,
          totals: { ...report.totals },
        },
      },
    ],
  };
  return `${printableJson(JSON.stringify(log, null, 2))}\n`;
}
