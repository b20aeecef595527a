import type { CopyPointFigures, Hazard, HazardKind, LocationId, SiteFigures, SiteId } from './types.js';
import { builtinArray, OwnMap } from '../captured-intrinsics.js';
import { Math } from '../captured-namespaces.js';

const GROW = 64;

/**
 * Per-site figures kept as numbers in flat arrays indexed by site id: recording an event is a few
 * array writes, never an allocation. Copy points are keyed by (site, location) in one Map of
 * numbers to a slot in further flat arrays.
 */
export class Counters {
  private executions = new Float64Array(GROW);
  private materializedCount = new Float64Array(GROW);
  private eagerCount = new Float64Array(GROW);
  private bytesCopied = new Float64Array(GROW);
  private bytesSaved = new Float64Array(GROW);
  private sharedMax = new Float64Array(GROW);
  private dirty = new Uint8Array(GROW);
  private readonly dirtySites: SiteId[] = [];

  private readonly pointSlots = new OwnMap<number, number>();
  private pointCount = new Float64Array(GROW);
  private pointBytes = new Float64Array(GROW);
  private readonly pointsOfSite = new OwnMap<SiteId, { location: LocationId; slot: number }[]>();

  private readonly hazards = new OwnMap<string, { site: SiteId; kind: HazardKind; message: string; count: number }>();
  private hazardsDirty = false;

  copied(site: SiteId, bytesCopied: number, bytesSaved: number): void {
    this.ensure(site);
    this.executions[site]! += 1;
    this.bytesCopied[site]! += bytesCopied;
    this.bytesSaved[site]! += bytesSaved;
    this.touch(site);
  }

  /**
   * A write forced a private copy of `bytes` (a node and its path) of a value made at `site`;
   * `first` when it is the first write to force a copy of that value. In cow mode the bytes are
   * duplicated now; in observe mode the copy was made in full already and they are only no longer
   * saved.
   */
  materialized(site: SiteId, location: LocationId, bytes: number, first: boolean, duplicated: boolean): void {
    this.ensure(site);
    if (first) this.materializedCount[site]! += 1;
    if (duplicated) this.bytesCopied[site]! += bytes;
    this.bytesSaved[site]! -= bytes;
    const key = site * 0x200000 + location;
    let slot = this.pointSlots.get(key);
    if (slot === undefined) {
      slot = this.pointSlots.size;
      if (slot >= this.pointCount.length) {
        this.pointCount = grow(this.pointCount, slot);
        this.pointBytes = grow(this.pointBytes, slot);
      }
      this.pointSlots.set(key, slot);
      let list = this.pointsOfSite.get(site);
      if (!list) this.pointsOfSite.set(site, (list = []));
      builtinArray.push(list, { location, slot });
    }
    this.pointCount[slot]! += 1;
    this.pointBytes[slot]! += bytes;
    this.touch(site);
  }

  /**
   * A copy of `bytes` made private from the start, as cow mode makes it (too small to share, or
   * nothing a view can stand for): it saves nothing, and no write materialized it.
   */
  copiedEagerly(site: SiteId, bytes: number): void {
    this.copied(site, bytes, 0);
    this.eagerCount[site]! += 1;
  }

  /**
   * A write to a source forced `copies` copies of it made at `site` to stop sharing it, at the cost
   * of one image of `bytes` for all of them.
   */
  materializedMany(site: SiteId, location: LocationId, bytes: number, copies: number, duplicated: boolean): void {
    this.materialized(site, location, bytes, true, duplicated);
    this.materializedCount[site]! += copies - 1;
  }

  /** Bytes that stop being saved without a write (a view given up, an eager fallback). */
  unsaved(site: SiteId, bytes: number): void {
    this.ensure(site);
    this.bytesSaved[site]! -= bytes;
    this.bytesCopied[site]! += bytes;
    this.touch(site);
  }

  /** Bytes a view costs beyond what it shares (its proxy and handler): they are not saved. */
  overhead(site: SiteId, bytes: number): void {
    this.ensure(site);
    this.bytesSaved[site]! -= bytes;
    this.touch(site);
  }

  /** Raise the site's high-water mark of values sharing one structure to `count`. */
  sharedAtOnce(site: SiteId, count: number): void {
    this.ensure(site);
    if (count > this.sharedMax[site]!) {
      this.sharedMax[site] = count;
      this.touch(site);
    }
  }

  hazard(site: SiteId, kind: HazardKind, message: string): void {
    const key = `${String(site)}\0${kind}\0${message}`;
    const known = this.hazards.get(key);
    if (known) known.count += 1;
    else this.hazards.set(key, { site, kind, message, count: 1 });
    this.hazardsDirty = true;
  }

  figuresOf(site: SiteId): SiteFigures {
    this.ensure(site);
    const copyPoints: CopyPointFigures[] = builtinArray.map(this.pointsOfSite.get(site) ?? [], ({ location, slot }) => ({
      location,
      count: this.pointCount[slot]!,
      bytes: this.pointBytes[slot]!,
    }));
    return {
      site,
      executions: this.executions[site]!,
      materialized: this.materializedCount[site]!,
      eager: this.eagerCount[site]!,
      bytesCopied: this.bytesCopied[site]!,
      bytesSaved: this.bytesSaved[site]!,
      sharedMax: this.sharedMax[site]!,
      copyPoints,
    };
  }

  /** Figures of the sites that changed since the last call, and all hazards if any changed. */
  takeDirty(): { figures: SiteFigures[]; hazards: Hazard[] } {
    const figures = builtinArray.map(this.dirtySites, (site) => {
      this.dirty[site] = 0;
      return this.figuresOf(site);
    });
    this.dirtySites.length = 0;
    const hazards = this.hazardsDirty ? this.allHazards() : [];
    this.hazardsDirty = false;
    return { figures, hazards };
  }

  allHazards(): Hazard[] {
    const list: Hazard[] = [];
    this.hazards.forEach((h) => builtinArray.push(list, { ...h }));
    return list;
  }

  private touch(site: SiteId): void {
    if (this.dirty[site] === 0) {
      this.dirty[site] = 1;
      builtinArray.push(this.dirtySites, site);
    }
  }

  private ensure(site: SiteId): void {
    if (site < this.executions.length) return;
    this.executions = grow(this.executions, site);
    this.materializedCount = grow(this.materializedCount, site);
    this.eagerCount = grow(this.eagerCount, site);
    this.bytesCopied = grow(this.bytesCopied, site);
    this.bytesSaved = grow(this.bytesSaved, site);
    this.sharedMax = grow(this.sharedMax, site);
    const dirty = new Uint8Array(this.executions.length);
    dirty.set(this.dirty);
    this.dirty = dirty;
  }
}

function grow(array: Float64Array<ArrayBuffer>, index: number): Float64Array<ArrayBuffer> {
  const next = new Float64Array(Math.max(array.length * 2, index + GROW));
  next.set(array);
  return next;
}
