import type { LiveHazard, RunMode, RunState } from '@cowlens/server/protocol';

/**
 * Everything that crosses between the extension and the panel's webview. The webview is plain
 * JavaScript (`client/media/panel/panel.js`), so these types are its contract written down once:
 * the extension sorts, pages and formats, and the webview only draws what it is sent, which keeps
 * a run with thousands of sites from shipping them all to the webview several times a second.
 */

export const SORT_KEYS = ['location', 'kind', 'executions', 'materialized', 'eager', 'bytesCopied', 'bytesSaved', 'sharedMax'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDirection = 'ascending' | 'descending';

export interface SortOrder {
  readonly key: SortKey;
  readonly direction: SortDirection;
}

export interface PanelRun {
  readonly runId: number;
  readonly state: RunState;
  readonly mode: RunMode;
  readonly command: string;
  readonly elapsedLabel: string;
  /** Only when finished: why figures may be missing (empty when complete). */
  readonly incomplete: readonly string[];
}

/** A figure as a number (for data attributes and tests) and as people read it. */
export interface Figure {
  readonly value: number;
  readonly label: string;
}

export interface PanelTotals {
  readonly sites: Figure;
  readonly copies: Figure;
  readonly materialized: Figure;
  readonly eager: Figure;
  readonly bytesCopied: Figure;
  readonly bytesSaved: Figure;
  /** See `liveShared` in totals.ts for what this counts and why it is not a count of live objects. */
  readonly liveShared: Figure;
  readonly sharedMax: Figure;
  readonly hazards: Figure;
}

export interface ChartPoint {
  readonly elapsedMs: number;
  readonly bytesCopied: number;
  readonly bytesSaved: number;
  /** Copies per second over the interval since the point before. */
  readonly rate: number;
}

export interface PanelChart {
  readonly points: readonly ChartPoint[];
  /** Axis labels, formatted here so the webview holds no number formatting of its own. */
  readonly maxBytesLabel: string;
  readonly maxRateLabel: string;
  readonly elapsedLabel: string;
}

export interface Location {
  readonly uri: string;
  /** 1-based, as the protocol and the report have them; 0 when the write came from code without a file. */
  readonly line: number;
  readonly column: number;
  /** The file as people read it (workspace-relative when it can be). */
  readonly file: string;
}

export interface CopyPointRow extends Location {
  readonly count: Figure;
  readonly bytes: Figure;
}

export interface SiteRow extends Location {
  /** Stable across snapshots and sort orders: the webview keeps expansion and focus by it. */
  readonly key: string;
  readonly kind: string;
  readonly deep: boolean;
  readonly executions: Figure;
  readonly materialized: Figure;
  readonly eager: Figure;
  readonly bytesCopied: Figure;
  readonly bytesSaved: Figure;
  readonly sharedMax: Figure;
  readonly copyPoints: readonly CopyPointRow[];
  /** Copy points beyond those listed, left out to bound a post's size. */
  readonly moreCopyPoints: number;
}

export interface PanelTable {
  readonly sort: SortOrder;
  /** 0-based. */
  readonly page: number;
  readonly pageCount: number;
  readonly pageSize: number;
  readonly totalRows: number;
  readonly rows: readonly SiteRow[];
}

export interface HazardRow extends Location {
  readonly kind: LiveHazard['kind'];
  readonly message: string;
  readonly whyItMatters: string;
  readonly count: Figure;
}

export interface PanelState {
  /** Null until a run's figures arrive. */
  readonly run: PanelRun | null;
  readonly totals: PanelTotals;
  readonly chart: PanelChart;
  readonly table: PanelTable;
  readonly hazards: readonly HazardRow[];
  /** Hazards beyond those listed, left out to bound a post's size. */
  readonly moreHazards: number;
}

/** Extension to webview: the whole state each time, so a webview that was torn down loses nothing. */
export interface StateMessage {
  readonly type: 'state';
  readonly state: PanelState;
}

export type ToWebview = StateMessage;

export type FromWebview =
  /** The webview's script has loaded and wants the current state. */
  | { readonly type: 'ready' }
  | { readonly type: 'sort'; readonly sort: SortOrder }
  | { readonly type: 'page'; readonly page: number }
  /**
   * Open a location (1-based). The keyboard keeps the focus in the panel, so its user can go on
   * through the rows while the editor follows; a click moves the focus to the editor.
   */
  | { readonly type: 'reveal'; readonly uri: string; readonly line: number; readonly column: number; readonly preserveFocus: boolean };

/**
 * Checks a message from the webview before the extension acts on it: the webview is a separate
 * document, and a malformed message must not open an arbitrary thing or throw in the extension host.
 */
export function parseFromWebview(message: unknown): FromWebview | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const m = message as Record<string, unknown>;
  switch (m.type) {
    case 'ready':
      return { type: 'ready' };
    case 'sort': {
      const sort = m.sort as Record<string, unknown> | null | undefined;
      if (typeof sort !== 'object' || sort === null) return undefined;
      const { key, direction } = sort;
      if (!isSortKey(key) || (direction !== 'ascending' && direction !== 'descending')) return undefined;
      return { type: 'sort', sort: { key, direction } };
    }
    case 'page':
      return isCount(m.page) ? { type: 'page', page: m.page } : undefined;
    case 'reveal':
      if (typeof m.uri !== 'string' || m.uri === '' || !isCount(m.line) || m.line < 1 || !isCount(m.column)) return undefined;
      return { type: 'reveal', uri: m.uri, line: m.line, column: m.column, preserveFocus: m.preserveFocus === true };
    default:
      return undefined;
  }
}

function isSortKey(value: unknown): value is SortKey {
  return (SORT_KEYS as readonly unknown[]).includes(value);
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}
