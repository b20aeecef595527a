/**
 * The figures of the latest run, by file, at the places their sites and copy points are now.
 * A run's places are those of the text it ran; when a document is edited afterwards (or while it
 * runs), its figures move with the text, and a figure whose text was replaced is dropped rather
 * than shown on whatever took its place.
 */
import type { Position, TextDocumentContentChangeEvent } from 'vscode-languageserver/node';
import type { LiveCopyPoint, LiveHazard, LiveSite, RunFiguresParams } from './protocol.js';
import { shiftThrough } from './shift-position.js';
import { pathOfUri } from './uris.js';

/** A site's figures at the 1-based line and column where the site now is. */
export interface PlacedSite {
  readonly site: LiveSite;
  readonly line: number;
  readonly column: number;
}

/** A copy point at the 1-based line and column where its write now is, with the site whose copy it forced. */
export interface PlacedCopyPoint {
  readonly point: LiveCopyPoint;
  readonly site: LiveSite;
  readonly line: number;
  readonly column: number;
}

/** A hazard at the 1-based line and column where its site now is. */
export interface PlacedHazard {
  readonly hazard: LiveHazard;
  readonly line: number;
  readonly column: number;
}

interface FileFigures {
  sites: PlacedSite[];
  copyPoints: PlacedCopyPoint[];
  hazards: PlacedHazard[];
}

function moved<T extends { readonly line: number; readonly column: number }>(placed: T, changes: readonly TextDocumentContentChangeEvent[]): T | undefined {
  const at: Position | undefined = shiftThrough({ line: placed.line - 1, character: placed.column - 1 }, changes);
  return at === undefined ? undefined : { ...placed, line: at.line + 1, column: at.character + 1 };
}

export class RunFigures {
  private latest: RunFiguresParams | undefined;
  private readonly files = new Map<string, FileFigures>();
  /** Edits since the running program loaded its files: the snapshots still to come use the places before them. */
  private readonly editsDuringRun = new Map<string, TextDocumentContentChangeEvent[]>();
  private running = false;

  get current(): RunFiguresParams | undefined {
    return this.latest;
  }

  /** A run starts: its places are those of the files as they are now. */
  runStarted(): void {
    this.running = true;
    this.editsDuringRun.clear();
  }

  update(figures: RunFiguresParams): void {
    this.latest = figures;
    this.files.clear();
    const fileOf = (path: string): FileFigures => {
      let file = this.files.get(path);
      if (file === undefined) this.files.set(path, (file = { sites: [], copyPoints: [], hazards: [] }));
      return file;
    };
    for (const site of figures.sites) {
      const path = pathOfUri(site.uri);
      const placed = path === undefined ? undefined : moved({ site, line: site.line, column: site.column }, this.editsDuringRun.get(path) ?? []);
      if (path !== undefined && placed !== undefined) fileOf(path).sites.push(placed);
      for (const point of site.copyPoints) {
        const pointPath = pathOfUri(point.uri);
        if (pointPath === undefined) continue;
        const placedPoint = moved({ point, site, line: point.line, column: point.column }, this.editsDuringRun.get(pointPath) ?? []);
        if (placedPoint !== undefined) fileOf(pointPath).copyPoints.push(placedPoint);
      }
    }
    for (const hazard of figures.hazards) {
      const path = pathOfUri(hazard.uri);
      const placed = path === undefined ? undefined : moved({ hazard, line: hazard.line, column: hazard.column }, this.editsDuringRun.get(path) ?? []);
      if (path !== undefined && placed !== undefined) fileOf(path).hazards.push(placed);
    }
    if (figures.state === 'finished') {
      this.running = false;
      this.editsDuringRun.clear();
    }
  }

  clear(): void {
    this.latest = undefined;
    this.files.clear();
    this.editsDuringRun.clear();
    this.running = false;
  }

  /** A document of `path` changed: its figures move with the text. */
  edited(path: string, changes: readonly TextDocumentContentChangeEvent[]): void {
    if (this.running) {
      const log = this.editsDuringRun.get(path) ?? [];
      log.push(...changes);
      this.editsDuringRun.set(path, log);
    }
    const file = this.files.get(path);
    if (file === undefined) return;
    file.sites = file.sites.flatMap((placed) => moved(placed, changes) ?? []);
    file.copyPoints = file.copyPoints.flatMap((placed) => moved(placed, changes) ?? []);
    file.hazards = file.hazards.flatMap((placed) => moved(placed, changes) ?? []);
  }

  sitesIn(path: string): readonly PlacedSite[] {
    return this.files.get(path)?.sites ?? [];
  }

  copyPointsIn(path: string): readonly PlacedCopyPoint[] {
    return this.files.get(path)?.copyPoints ?? [];
  }

  hazardsIn(path: string): readonly PlacedHazard[] {
    return this.files.get(path)?.hazards ?? [];
  }

  /** Every file with figures of the run, by path. */
  paths(): Iterable<string> {
    return this.files.keys();
  }
}
