import type { LiveCopyPoint, LiveSite, RunFiguresParams } from '@cowlens/server/protocol';
import { shiftThrough, type TextChange } from './line-shift.js';

/** A figure where it is now in the document: 0-based, after the edits made since its run. */
export interface PlacedSite {
  readonly line: number;
  readonly character: number;
  readonly site: LiveSite;
}

export interface PlacedCopyPoint {
  readonly line: number;
  readonly character: number;
  readonly point: LiveCopyPoint;
  readonly site: LiveSite;
}

export interface DocumentFigures {
  readonly sites: readonly PlacedSite[];
  readonly copyPoints: readonly PlacedCopyPoint[];
  /** The document was edited since the run: its figures describe code that has changed. */
  readonly stale: boolean;
}

interface Indexed {
  readonly sites: LiveSite[];
  readonly copyPoints: { readonly point: LiveCopyPoint; readonly site: LiveSite }[];
}

const NONE: DocumentFigures = { sites: [], copyPoints: [], stale: false };

/**
 * The figures of the latest run, by document, and the edits made to each document since that run
 * started. Positions come from the run (the files as they were); each read maps them through the
 * edits, so figures follow their code, and a document with edits is stale until the next run.
 */
export class FigureStore {
  #run: RunFiguresParams | undefined;
  #byUri = new Map<string, Indexed>();
  #edits = new Map<string, TextChange[]>();

  /**
   * `sameUri` spells a uri the way the editor does, since the server and VS Code may encode the
   * same file differently (`%3A` or `:`); lookups and the figures' uris both go through it.
   */
  constructor(private readonly sameUri: (uri: string) => string = (uri) => uri) {}

  get run(): RunFiguresParams | undefined {
    return this.#run;
  }

  /** Takes a snapshot unless it is from an older run than the one shown; says whether it did. */
  accept(figures: RunFiguresParams): boolean {
    if (this.#run !== undefined && figures.runId < this.#run.runId) return false;
    if (this.#run?.runId !== figures.runId) this.#edits.clear();
    this.#run = figures;
    this.#byUri = index(figures, this.sameUri);
    return true;
  }

  clear(): void {
    this.#run = undefined;
    this.#byUri.clear();
    this.#edits.clear();
  }

  /** Records edits to a document; true when it has figures, which then move (and need a redraw). */
  recordEdits(uri: string, changes: readonly TextChange[]): boolean {
    if (this.#run === undefined || changes.length === 0) return false;
    const key = this.sameUri(uri);
    const log = this.#edits.get(key);
    if (log) log.push(...changes);
    else this.#edits.set(key, [...changes]);
    return this.#byUri.has(key);
  }

  figuresFor(uri: string): DocumentFigures {
    const key = this.sameUri(uri);
    const indexed = this.#byUri.get(key);
    if (!indexed) return NONE;
    const edits = this.#edits.get(key) ?? [];
    const sites: PlacedSite[] = [];
    for (const site of indexed.sites) {
      const at = shiftThrough(toPosition(site.line, site.column), edits);
      if (at) sites.push({ line: at.line, character: at.character, site });
    }
    const copyPoints: PlacedCopyPoint[] = [];
    for (const { point, site } of indexed.copyPoints) {
      const at = shiftThrough(toPosition(point.line, point.column), edits);
      if (at) copyPoints.push({ line: at.line, character: at.character, point, site });
    }
    return { sites, copyPoints, stale: edits.length > 0 };
  }
}

/** The protocol's positions are 1-based like the report's. */
function toPosition(line: number, column: number): { line: number; character: number } {
  return { line: Math.max(0, line - 1), character: Math.max(0, column - 1) };
}

function index(figures: RunFiguresParams, sameUri: (uri: string) => string): Map<string, Indexed> {
  const byUri = new Map<string, Indexed>();
  const entry = (uri: string): Indexed => {
    const key = sameUri(uri);
    let found = byUri.get(key);
    if (!found) byUri.set(key, (found = { sites: [], copyPoints: [] }));
    return found;
  };
  for (const site of figures.sites) {
    entry(site.uri).sites.push(site);
    // A write from code that was not instrumented has no place to mark.
    for (const point of site.copyPoints) if (point.uri !== '' && point.line > 0) entry(point.uri).copyPoints.push({ point, site });
  }
  return byUri;
}
