import type { LiveCopyPoint, LiveHazard, LiveSite, RunFiguresParams } from '@cowlens/server/protocol';
import { formatBytes, formatCount } from '@cowlens/server/units';
import { formatElapsed } from './elapsed.js';
import { WHY_IT_MATTERS } from './hazard-rows.js';
import type { CopyPointRow, Figure, HazardRow, PanelChart, PanelState, PanelTotals, SiteRow, SortOrder } from './messages.js';
import { DEFAULT_PAGE_SIZE, DEFAULT_SORT, pageOf, siteKey, sortSites } from './site-table.js';
import { TimeSeries } from './time-series.js';
import { NO_TOTALS, totalsOf, type TotalFigures } from './totals.js';

/** Bounds on what one post carries, whatever the run: a page of rows, these per row, these hazards. */
export const MAX_COPY_POINTS_PER_ROW = 20;
export const MAX_HAZARDS = 100;

export interface PanelModelOptions {
  /** The file of a uri as people read it; the extension passes the workspace-relative path. */
  readonly fileOf?: (uri: string) => string;
  readonly pageSize?: number;
  readonly maxChartPoints?: number;
}

/**
 * The panel's state apart from any drawing: the latest snapshot of the run, its totals over time,
 * and the table's order and page. The webview is torn down when hidden, so this, not the webview,
 * is where the state lives; `state()` is the whole of it, ready to post.
 */
export class PanelModel {
  #figures: RunFiguresParams | undefined;
  #series: TimeSeries;
  #sort: SortOrder = DEFAULT_SORT;
  #page = 0;
  #sorted: LiveSite[] | undefined;
  readonly #fileOf: (uri: string) => string;
  readonly #files = new Map<string, string>();
  readonly #pageSize: number;
  readonly #maxChartPoints: number | undefined;

  constructor(options: PanelModelOptions = {}) {
    this.#fileOf = options.fileOf ?? lastSegment;
    this.#pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
    this.#maxChartPoints = options.maxChartPoints;
    this.#series = new TimeSeries(options.maxChartPoints);
  }

  get runId(): number | undefined {
    return this.#figures?.runId;
  }

  /** Takes a snapshot unless it is from an older run than the one shown; says whether it did. */
  accept(figures: RunFiguresParams): boolean {
    if (this.#figures !== undefined && figures.runId < this.#figures.runId) return false;
    // A new run's table opens on its first page; the same run's stays where the user paged to.
    if (figures.runId !== this.#figures?.runId) this.#page = 0;
    this.#figures = figures;
    this.#sorted = undefined;
    this.#series.add(figures);
    return true;
  }

  /** Forgets the run (figures, chart, page) and shows the empty panel; the sort order is the user's and stays. */
  clear(): void {
    this.#figures = undefined;
    this.#sorted = undefined;
    this.#page = 0;
    this.#series = new TimeSeries(this.#maxChartPoints);
  }

  sortBy(sort: SortOrder): void {
    if (sort.key === this.#sort.key && sort.direction === this.#sort.direction) return;
    this.#sort = sort;
    this.#page = 0;
    this.#sorted = undefined;
  }

  showPage(page: number): void {
    this.#page = page;
  }

  state(): PanelState {
    const figures = this.#figures;
    const page = pageOf(this.#sortedSites(), this.#page, this.#pageSize);
    // Remember the clamped page, so paging on from it starts where the user sees it.
    this.#page = page.page;
    return {
      run:
        figures === undefined
          ? null
          : {
              runId: figures.runId,
              state: figures.state,
              mode: figures.mode,
              command: figures.command.join(' '),
              elapsedLabel: formatElapsed(figures.elapsedMs),
              incomplete: figures.complete === false ? (figures.incomplete ?? []) : [],
            },
      totals: totalsView(figures === undefined ? NO_TOTALS : totalsOf(figures)),
      chart: this.#chart(),
      table: {
        sort: this.#sort,
        page: page.page,
        pageCount: page.pageCount,
        pageSize: this.#pageSize,
        totalRows: figures?.sites.length ?? 0,
        rows: page.items.map((site) => this.#row(site)),
      },
      hazards: (figures?.hazards ?? []).slice(0, MAX_HAZARDS).map((hazard) => this.#hazard(hazard)),
      moreHazards: Math.max(0, (figures?.hazards.length ?? 0) - MAX_HAZARDS),
    };
  }

  #sortedSites(): LiveSite[] {
    this.#sorted ??= sortSites(this.#figures?.sites ?? [], this.#sort);
    return this.#sorted;
  }

  #chart(): PanelChart {
    const points = this.#series.points();
    let maxBytes = 0;
    let maxRate = 0;
    for (const point of points) {
      maxBytes = Math.max(maxBytes, point.bytesCopied, point.bytesSaved);
      maxRate = Math.max(maxRate, point.rate);
    }
    return {
      points,
      maxBytesLabel: formatBytes(maxBytes),
      maxRateLabel: `${formatCount(maxRate)}/s`,
      elapsedLabel: formatElapsed(points.at(-1)?.elapsedMs ?? 0),
    };
  }

  #file(uri: string): string {
    let file = this.#files.get(uri);
    if (file === undefined) {
      file = uri === '' ? '(uninstrumented code)' : this.#fileOf(uri);
      this.#files.set(uri, file);
    }
    return file;
  }

  #row(site: LiveSite): SiteRow {
    return {
      key: siteKey(site),
      uri: site.uri,
      line: site.line,
      column: site.column,
      file: this.#file(site.uri),
      kind: site.kind,
      deep: site.deep,
      executions: count(site.executions),
      materialized: count(site.materialized),
      eager: count(site.eager),
      bytesCopied: bytes(site.bytesCopied),
      bytesSaved: bytes(site.bytesSaved),
      sharedMax: count(site.sharedMax),
      copyPoints: site.copyPoints.slice(0, MAX_COPY_POINTS_PER_ROW).map((point) => this.#copyPoint(point)),
      moreCopyPoints: Math.max(0, site.copyPoints.length - MAX_COPY_POINTS_PER_ROW),
    };
  }

  #copyPoint(point: LiveCopyPoint): CopyPointRow {
    return {
      uri: point.uri,
      line: point.line,
      column: point.column,
      file: this.#file(point.uri),
      count: count(point.count),
      bytes: bytes(point.bytes),
    };
  }

  #hazard(hazard: LiveHazard): HazardRow {
    return {
      uri: hazard.uri,
      line: hazard.line,
      column: hazard.column,
      file: this.#file(hazard.uri),
      kind: hazard.kind,
      message: hazard.message,
      whyItMatters: WHY_IT_MATTERS[hazard.kind],
      count: count(hazard.count),
    };
  }
}

function totalsView(totals: TotalFigures): PanelTotals {
  return {
    sites: count(totals.sites),
    copies: count(totals.copies),
    materialized: count(totals.materialized),
    eager: count(totals.eager),
    bytesCopied: bytes(totals.bytesCopied),
    bytesSaved: bytes(totals.bytesSaved),
    liveShared: count(totals.liveShared),
    sharedMax: count(totals.sharedMax),
    hazards: count(totals.hazards),
  };
}

function count(value: number): Figure {
  return { value, label: formatCount(value) };
}

function bytes(value: number): Figure {
  return { value, label: formatBytes(value) };
}

function lastSegment(uri: string): string {
  return decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
}
