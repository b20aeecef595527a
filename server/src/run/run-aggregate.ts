import { relativePath } from '../analysis/relative-path.js';
import type { CopyKind } from '../runtime/copy-kinds.js';
import { isDeepKind } from '../runtime/copy-kinds.js';
import type { Hazard, LocationInfo, SiteFigures, SiteInfo } from '../runtime/figures/types.js';
import type { CopyPointReport, Diagnostic, HazardReport, Place, SiteReport } from '../report/model.js';
import { UNINSTRUMENTED_FILE } from '../report/model.js';
import { sortCopyPoints } from '../report/canonical-order.js';
import type { SpoolRecord } from '../instrument/hooks/spool-format.js';

/** What one process (or worker thread) reported: its own ids, its latest absolute figures. */
interface StreamState {
  started: boolean;
  final: boolean;
  /** The stream is a process's, or a worker thread's that ran instrumented code: one that ends without its last batch may have lost figures. */
  mayLoseFigures: boolean;
  pid: number;
  thread: number;
  argv: readonly string[];
  /** Set when the process reported an uncaught error that cowlens caused (or may have). */
  failed: boolean;
  /** Project code the process ran uninstrumented: each reason with its files (relative to the run's folder). */
  readonly uninstrumented: Map<string, Set<string>>;
  readonly sites: Map<number, SiteInfo>;
  readonly locations: Map<number, LocationInfo>;
  readonly figures: Map<number, SiteFigures>;
  readonly hazards: Map<string, Hazard>;
}

/** Which process (or worker thread) a stream is, and the command line it was started with. */
export interface StreamIdentity {
  readonly pid: number;
  readonly thread: number;
  readonly argv: readonly string[];
}

const identityOf = ({ pid, thread, argv }: StreamState): StreamIdentity => ({ pid, thread, argv });

/**
 * Merges the records of every process of a run into per-site figures. Each process sends
 * absolute figures for its own ids, so the latest batch of a stream replaces the one before, and
 * the run's figures are the sum over streams of each one's latest: a repeated or lost batch in the
 * middle never skews a total.
 */
export class RunAggregate {
  private readonly streams = new Map<string, StreamState>();
  private readonly diagnostics: Diagnostic[] = [];
  private readonly seenDiagnostics = new Set<string>();
  private changed = false;

  constructor(readonly root: string) {}

  add(stream: string, record: SpoolRecord): void {
    const state = this.streamOf(stream);
    switch (record.type) {
      case 'start':
        state.started = true;
        state.pid = record.pid;
        state.thread = record.thread;
        state.argv = record.argv;
        if (record.thread === 0 && record.evaluates !== true) state.mayLoseFigures = true;
        return;
      case 'instrumented-code':
        state.mayLoseFigures = true;
        return;
      case 'diagnostic':
        this.diagnose({ severity: record.severity, message: record.message, ...(record.file === undefined ? {} : { file: relativePath(this.root, record.file) }) });
        return;
      case 'failure':
        state.failed = true;
        this.diagnose({
          severity: 'error',
          message: record.message,
          ...(record.file === undefined ? {} : { file: relativePath(this.root, record.file) }),
          ...(record.line === undefined ? {} : { line: record.line }),
          ...(record.column === undefined ? {} : { column: record.column }),
        });
        return;
      case 'uninstrumented': {
        const files = state.uninstrumented.get(record.reason) ?? new Set<string>();
        for (const file of record.files) files.add(relativePath(this.root, file));
        state.uninstrumented.set(record.reason, files);
        this.changed = true;
        return;
      }
      case 'batch': {
        const { batch } = record;
        state.mayLoseFigures = true;
        for (const site of batch.sites) state.sites.set(site.id, site);
        for (const location of batch.locations) state.locations.set(location.id, location);
        for (const figures of batch.figures) state.figures.set(figures.site, figures);
        for (const hazard of batch.hazards) state.hazards.set(`${String(hazard.site)}\0${hazard.kind}\0${hazard.message}`, hazard);
        if (batch.final) state.final = true;
        this.changed = true;
        return;
      }
    }
  }

  diagnose(diagnostic: Diagnostic): void {
    const key = `${diagnostic.severity}\0${diagnostic.message}`;
    if (this.seenDiagnostics.has(key)) return;
    this.seenDiagnostics.add(key);
    this.diagnostics.push(diagnostic);
  }

  /** True once after figures changed: the live views redraw only then. */
  takeChanged(): boolean {
    const changed = this.changed;
    this.changed = false;
    return changed;
  }

  /**
   * Processes, and worker threads that ran instrumented code, that started but never sent their
   * last batch. A worker thread that ran none (one a loader or a library starts, which Node's
   * preload reaches too) has no figures to lose when its parent ends it.
   */
  unfinished(): StreamIdentity[] {
    return [...this.streams.values()].filter((s) => s.started && !s.final && s.mayLoseFigures).map(identityOf);
  }

  /** Processes and worker threads that met an uncaught error cowlens caused (or may have), by their own account. */
  failed(): StreamIdentity[] {
    return [...this.streams.values()].filter((s) => s.started && s.failed).map(identityOf);
  }

  /** Processes and worker threads that ran project code cowlens did not instrument, with the reasons and files. */
  uninstrumented(): (StreamIdentity & { readonly reasons: ReadonlyMap<string, ReadonlySet<string>> })[] {
    return [...this.streams.values()].filter((s) => s.uninstrumented.size > 0).map((s) => ({ ...identityOf(s), reasons: s.uninstrumented }));
  }

  get processes(): number {
    return [...this.streams.values()].filter((s) => s.started).length;
  }

  get allDiagnostics(): readonly Diagnostic[] {
    return this.diagnostics;
  }

  sites(): SiteReport[] {
    const merged = new Map<string, MutableSite>();
    for (const state of this.streams.values()) {
      for (const figures of state.figures.values()) {
        const info = state.sites.get(figures.site);
        if (!info) continue;
        const place = this.placeOf(info);
        const key = `${place.file}\0${String(place.line)}\0${String(place.column)}\0${info.kind}`;
        let site = merged.get(key);
        if (!site) merged.set(key, (site = newSite(place, info.kind)));
        site.executions += figures.executions;
        site.materialized += figures.materialized;
        site.eager += figures.eager;
        site.bytesCopied += figures.bytesCopied;
        site.bytesSaved += figures.bytesSaved;
        site.sharedMax = Math.max(site.sharedMax, figures.sharedMax);
        for (const point of figures.copyPoints) {
          const at = this.copyPointPlace(state, point.location);
          const pointKey = `${at.file}\0${String(at.line)}\0${String(at.column)}`;
          const known = site.points.get(pointKey);
          if (known) {
            known.count += point.count;
            known.bytes += point.bytes;
          } else {
            site.points.set(pointKey, { ...at, count: point.count, bytes: point.bytes });
          }
        }
      }
    }
    return [...merged.values()].map(finishSite);
  }

  hazards(): HazardReport[] {
    const merged = new Map<string, { -readonly [K in keyof HazardReport]: HazardReport[K] }>();
    for (const state of this.streams.values()) {
      for (const hazard of state.hazards.values()) {
        const info = state.sites.get(hazard.site);
        const place = info ? this.placeOf(info) : { file: UNINSTRUMENTED_FILE, line: 0, column: 0 };
        const key = `${place.file}\0${String(place.line)}\0${String(place.column)}\0${hazard.kind}\0${hazard.message}`;
        const known = merged.get(key);
        if (known) known.count += hazard.count;
        else merged.set(key, { ...place, kind: hazard.kind, message: hazard.message, count: hazard.count });
      }
    }
    return [...merged.values()];
  }

  private copyPointPlace(state: StreamState, location: number): Place {
    const info = location === 0 ? undefined : state.locations.get(location);
    return info ? this.placeOf(info) : { file: UNINSTRUMENTED_FILE, line: 0, column: 0 };
  }

  private placeOf(info: { file: string; line: number; column: number }): Place {
    return { file: relativePath(this.root, info.file), line: info.line, column: info.column };
  }

  private streamOf(name: string): StreamState {
    let state = this.streams.get(name);
    if (!state) {
      state = { started: false, final: false, mayLoseFigures: false, pid: 0, thread: 0, argv: [], failed: false, uninstrumented: new Map(), sites: new Map(), locations: new Map(), figures: new Map(), hazards: new Map() };
      this.streams.set(name, state);
    }
    return state;
  }
}

interface MutableSite extends Place {
  readonly kind: CopyKind;
  executions: number;
  materialized: number;
  eager: number;
  bytesCopied: number;
  bytesSaved: number;
  sharedMax: number;
  readonly points: Map<string, { -readonly [K in keyof CopyPointReport]: CopyPointReport[K] }>;
}

function newSite(place: Place, kind: CopyKind): MutableSite {
  return { ...place, kind, executions: 0, materialized: 0, eager: 0, bytesCopied: 0, bytesSaved: 0, sharedMax: 0, points: new Map() };
}

function finishSite(site: MutableSite): SiteReport {
  const copyPoints = sortCopyPoints([...site.points.values()]);
  return {
    file: site.file,
    line: site.line,
    column: site.column,
    kind: site.kind,
    deep: isDeepKind(site.kind),
    executions: site.executions,
    materialized: site.materialized,
    eager: site.eager,
    bytesCopied: site.bytesCopied,
    bytesSaved: site.bytesSaved,
    sharedMax: site.sharedMax,
    copyPoints,
  };
}
