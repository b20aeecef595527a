import type { CopyKind } from '../runtime/copy-kinds.js';
import type { HazardKind } from '../runtime/figures/types.js';
import type { RunMode } from '../runtime/api.js';

export type { RunMode };

/**
 * The report of one run: what the CLI writes as JSON, what the editor and CI read. The JSON
 * Schema in `server/schema/report.schema.json` describes exactly this shape; bump
 * `schemaVersion` on any change a reader could notice.
 */
export const REPORT_SCHEMA_VERSION = 2;

export interface Report {
  readonly schemaVersion: typeof REPORT_SCHEMA_VERSION;
  readonly tool: { readonly name: 'cowlens'; readonly version: string };
  readonly mode: RunMode;
  /** The command that was run, as given after `--`; for a merged report, every shard's command. */
  readonly command: readonly string[];
  /** The program's exit status; null when it was killed by a signal or never started. */
  readonly exitCode: number | null;
  readonly signal: string | null;
  /** False when some figures may be missing: a crash, a kill, a timeout, a lost process. */
  readonly complete: boolean;
  /** Why the report is incomplete, one sentence each, for people. */
  readonly incomplete: readonly string[];
  readonly startedAt: string;
  readonly durationMs: number;
  /** How many instrumented Node processes sent figures. */
  readonly processes: number;
  readonly totals: Totals;
  /** Largest `bytesCopied + bytesSaved` first. */
  readonly sites: readonly SiteReport[];
  readonly hazards: readonly HazardReport[];
  /** Problems cowlens met on the way (a file it could not instrument, say), never fatal ones. */
  readonly diagnostics: readonly Diagnostic[];
}

export const UNINSTRUMENTED_FILE = '<uninstrumented code>';

/** Sums over the sites, except where said; `summarizeTotals` is the one place they are computed. */
export interface Totals {
  readonly sites: number;
  readonly executions: number;
  readonly materialized: number;
  readonly eager: number;
  readonly bytesCopied: number;
  /** Negative in cow mode when the views cost more than sharing saved (copies written soon and fully). */
  readonly bytesSaved: number;
  /** The largest `sharedMax` of any site. */
  readonly sharedMax: number;
  /** How many entries `hazards` has (distinct place, kind and message), not the sum of their counts. */
  readonly hazards: number;
}

/** A place in the user's source: `file` relative to the working directory, 1-based line and column. */
export interface Place {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

export interface SiteReport extends Place {
  readonly kind: CopyKind;
  readonly deep: boolean;
  readonly executions: number;
  /** Copies a write made private after they shared their source ("written"). */
  readonly materialized: number;
  /**
   * Copies made private from the start, as cow mode makes them (too small to share, or nothing a
   * view stands for); observe mode predicts them. They save nothing, and no write materialized them.
   */
  readonly eager: number;
  readonly bytesCopied: number;
  /** Negative in cow mode when the views cost more than sharing saved (copies written soon and fully). */
  readonly bytesSaved: number;
  readonly sharedMax: number;
  /** The writes that forced a private copy, largest count first. */
  readonly copyPoints: readonly CopyPointReport[];
}

/**
 * A write that forced a private copy. A write from code cowlens did not instrument has no place:
 * its file is `UNINSTRUMENTED_FILE` and its line and column are 0.
 */
export interface CopyPointReport extends Place {
  readonly count: number;
  readonly bytes: number;
}

export interface HazardReport extends Place {
  readonly kind: HazardKind;
  readonly message: string;
  readonly count: number;
}

export interface Diagnostic {
  readonly severity: 'error' | 'warning' | 'info';
  readonly message: string;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
}
