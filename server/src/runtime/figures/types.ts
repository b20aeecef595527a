import type { RunMode } from '../api.js';
import type { CopyKind } from '../copy-kinds.js';

export type SiteId = number;
export type LocationId = number;

/** A place in the user's source, 1-based line and column, as the instrumenter saw it. */
export interface SourceLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

export interface SiteInfo extends SourceLocation {
  readonly id: SiteId;
  readonly kind: CopyKind;
}

export interface LocationInfo extends SourceLocation {
  readonly id: LocationId;
}

/** A write that forced a private copy of a value made at a site. */
export interface CopyPointFigures {
  /** The write's location, or 0 when the write came from code that was not instrumented. */
  readonly location: LocationId;
  readonly count: number;
  readonly bytes: number;
}

/** The figures of one copy site in one process, cumulative since the process started. */
export interface SiteFigures {
  readonly site: SiteId;
  readonly executions: number;
  /** Copies a write made private after they shared their source. */
  readonly materialized: number;
  /** Copies made private from the start (too small to share, or nothing a view stands for): never shared, never materialized. */
  readonly eager: number;
  readonly bytesCopied: number;
  readonly bytesSaved: number;
  readonly sharedMax: number;
  readonly copyPoints: readonly CopyPointFigures[];
}

export type HazardKind = 'uninstrumented-write' | 'eager-fallback';

/** Something cow mode could not see, or a copy it had to make eagerly, with where and why. */
export interface Hazard {
  readonly site: SiteId;
  readonly kind: HazardKind;
  readonly message: string;
  readonly count: number;
}

/**
 * What the runtime sends its sink. Sites and locations are sent once, when first seen; figures
 * are absolute per process, for the sites that changed since the last batch, so a lost or
 * repeated batch never corrupts the totals of whoever merges them.
 */
export interface FigureBatch {
  readonly pid: number;
  readonly mode: RunMode;
  readonly sites: readonly SiteInfo[];
  readonly locations: readonly LocationInfo[];
  readonly figures: readonly SiteFigures[];
  readonly hazards: readonly Hazard[];
  /** True on the last batch of a process that is exiting normally. */
  readonly final: boolean;
}
