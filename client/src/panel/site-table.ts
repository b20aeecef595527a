import type { LiveSite } from '@cowlens/server/protocol';
import type { SortKey, SortOrder } from './messages.js';

export const DEFAULT_PAGE_SIZE = 100;

/** The order the table opens with: where the most bytes went. */
export const DEFAULT_SORT: SortOrder = { key: 'bytesCopied', direction: 'descending' };

/** A site's identity across snapshots: two copy expressions never share a position and a kind. */
export function siteKey(site: Pick<LiveSite, 'uri' | 'line' | 'column' | 'kind'>): string {
  return `${site.uri}:${site.line}:${site.column}:${site.kind}`;
}

type Compare = (a: LiveSite, b: LiveSite) => number;

function byLocation(a: LiveSite, b: LiveSite): number {
  if (a.uri !== b.uri) return a.uri < b.uri ? -1 : 1;
  return a.line - b.line || a.column - b.column || (a.kind === b.kind ? 0 : a.kind < b.kind ? -1 : 1);
}

const COMPARE: Readonly<Record<SortKey, Compare>> = {
  location: byLocation,
  kind: (a, b) => (a.kind === b.kind ? 0 : a.kind < b.kind ? -1 : 1),
  executions: (a, b) => a.executions - b.executions,
  materialized: (a, b) => a.materialized - b.materialized,
  eager: (a, b) => a.eager - b.eager,
  bytesCopied: (a, b) => a.bytesCopied - b.bytesCopied,
  bytesSaved: (a, b) => a.bytesSaved - b.bytesSaved,
  sharedMax: (a, b) => a.sharedMax - b.sharedMax,
};

/**
 * The sites in a sort order. Ties fall back to the location, ascending whatever the direction:
 * the server's order of sites may change from one snapshot to the next, and rows with equal
 * figures must not swap places on every update while the user reads them.
 */
export function sortSites(sites: readonly LiveSite[], order: SortOrder): LiveSite[] {
  const primary = COMPARE[order.key];
  const sign = order.direction === 'ascending' ? 1 : -1;
  return [...sites].sort((a, b) => sign * primary(a, b) || byLocation(a, b));
}

export interface Page<T> {
  /** 0-based; clamped into the pages there are, so a run whose sites shrank never shows an empty page. */
  readonly page: number;
  readonly pageCount: number;
  readonly items: readonly T[];
}

export function pageOf<T>(items: readonly T[], page: number, pageSize: number = DEFAULT_PAGE_SIZE): Page<T> {
  const pageCount = Math.max(1, Math.ceil(items.length / pageSize));
  const clamped = Math.min(Math.max(0, Math.floor(page)), pageCount - 1);
  return { page: clamped, pageCount, items: items.slice(clamped * pageSize, (clamped + 1) * pageSize) };
}
