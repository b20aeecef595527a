import type { Counters } from '../figures/counters.js';
import type { LocationId, SiteId } from '../figures/types.js';
import { privateStamp } from '../private-stamp.js';
import { copySize, shallowSize } from '../size/index.js';

/**
 * Observe mode: the program's copies are real; the observer watches them. It keeps one record per
 * object it has seen copied or made by a copy, in a private field of the object (see
 * private-stamp.ts: a few nanoseconds, where a WeakMap entry costs hundreds), and no weak
 * reference (a WeakRef costs about a microsecond and keeps its target alive to the end of the
 * job). A write to a copy, or to a source while copies of it share it, is charged what
 * copy-on-write would have copied: the written node and its path up to the copy's top (path
 * copying), each node once.
 *
 * Copies count as sharing until written: the observer cannot see garbage collection cheaply, so
 * a copy dropped unwritten still counts towards `sharedMax`, and a source written after its copies
 * were dropped still counts them as materialized.
 */
class NodeRecord {
  /** As a copy: its site, bytes and source, and the source's generation when it was made. */
  site = 0;
  bytes = 0;
  source: NodeRecord | undefined;
  generation = 0;
  materialized = true;
  deepCopy = false;

  /**
   * As a source: its writes so far, and its copies still sharing it, per site: the first site's
   * counts inline (`shallow`, `deep`), any other site's in a Map, so the common case allocates nothing.
   */
  writes = 0;
  firstSite = 0;
  shallow = 0;
  deep = 0;
  otherSites: Map<SiteId, Sharers> | undefined;

  /** As a node of deep copies (either side): its parent in each, for path copying. */
  paths: PathEntry[] | undefined;

  sharing(site: SiteId): Sharers {
    if (this.firstSite === 0) this.firstSite = site;
    if (this.firstSite === site) return this;
    this.otherSites ??= new Map();
    let sharers = this.otherSites.get(site);
    if (!sharers) this.otherSites.set(site, (sharers = { shallow: 0, deep: 0 }));
    return sharers;
  }

  *allSharers(): Generator<[SiteId, Sharers]> {
    if (this.firstSite !== 0) yield [this.firstSite, this];
    if (this.otherSites) yield* this.otherSites;
  }
}

/** Copies of one source from one site that still share it: shallow ones until the source is written. */
interface Sharers {
  shallow: number;
  deep: number;
}

interface PathEntry {
  readonly copy: NodeRecord;
  readonly parent: object | undefined;
  copied: boolean;
}

export class Observer {
  private readonly records = privateStamp<NodeRecord>();

  constructor(private readonly counters: Counters) {}

  /** A shallow copy was made: `bytes` duplicated, all of them shareable. */
  shallow(site: SiteId, source: object, copy: object, bytes: number): void {
    const from = this.recordOf(source);
    this.share(from, site, false);
    const record = this.recordOf(copy);
    record.site = site;
    record.bytes = bytes;
    record.source = from;
    record.generation = from.writes;
    record.materialized = false;
  }

  /**
   * A deep copy was made: enters every node of the copy, and the matching node of the source,
   * with its parent, walking both side by side (where they differ in shape, as JSON turns Dates
   * into strings, only the copy side). Reads own data properties only: no getter runs. Returns the
   * bytes the copy duplicated, strings included (a deep copy allocates them anew).
   */
  deep(site: SiteId, source: unknown, copy: object): number {
    const from = typeof source === 'object' && source !== null ? this.recordOf(source) : undefined;
    if (from) this.share(from, site, true);
    const top = this.recordOf(copy);
    top.site = site;
    top.source = from;
    top.generation = from?.writes ?? 0;
    top.materialized = false;
    top.deepCopy = true;
    let bytes = 0;
    const seen = new Set<object>();
    const pending: [unknown, unknown, object | undefined, object | undefined][] = [[copy, source, undefined, undefined]];
    while (pending.length > 0) {
      const [c, s, cParent, sParent] = pending.pop()!;
      if (typeof c === 'string') {
        bytes += shallowSize(c);
        continue;
      }
      if (typeof c !== 'object' || c === null || seen.has(c)) continue;
      seen.add(c);
      bytes += copySize(c);
      const sNode = typeof s === 'object' && s !== null ? s : undefined;
      (this.recordOf(c).paths ??= []).push({ copy: top, parent: cParent, copied: false });
      if (sNode) (this.recordOf(sNode).paths ??= []).push({ copy: top, parent: sParent, copied: false });
      if (c instanceof Map) {
        for (const [k, v] of c as Map<unknown, unknown>) pending.push([v, sNode instanceof Map ? (sNode as Map<unknown, unknown>).get(k) : undefined, c, sNode]);
      } else if (c instanceof Set) {
        for (const v of c as Set<unknown>) pending.push([v, undefined, c, undefined]);
      } else if (!ArrayBuffer.isView(c)) {
        for (const key of Object.keys(c)) {
          const d = sNode ? Object.getOwnPropertyDescriptor(sNode, key) : undefined;
          pending.push([(c as Record<string, unknown>)[key], d && 'value' in d ? (d.value as unknown) : undefined, c, sNode]);
        }
      }
    }
    top.bytes = bytes;
    return bytes;
  }

  /** `node` is about to be written at `location`. */
  written(node: object, location: LocationId): void {
    const record = this.records.get(node);
    if (record === undefined) return;
    if (!record.materialized && !record.deepCopy) this.chargeTop(record, node, location);
    if (record.shallow > 0 || record.otherSites !== undefined) this.chargeSource(record, node, location);
    if (record.paths) this.chargePaths(record, node, location);
  }

  private recordOf(node: object): NodeRecord {
    let record = this.records.get(node);
    if (record === undefined) this.records.set(node, (record = new NodeRecord()));
    return record;
  }

  private share(source: NodeRecord, site: SiteId, deep: boolean): void {
    const sharers = source.sharing(site);
    if (deep) sharers.deep++;
    else sharers.shallow++;
    this.counters.sharedAtOnce(site, sharers.shallow + sharers.deep + 1);
  }

  /** The copy stops sharing its source, as a write to it or to its source made it private. */
  private materialize(copy: NodeRecord, location: LocationId, bytes: number): void {
    const stillPending = !copy.materialized && copy.source !== undefined && copy.source.writes === copy.generation;
    const first = !copy.materialized && (copy.source === undefined || copy.source.writes === copy.generation);
    copy.materialized = true;
    if (stillPending) {
      const sharers = copy.source!.sharing(copy.site);
      if (copy.deepCopy) sharers.deep = Math.max(0, sharers.deep - 1);
      else sharers.shallow = Math.max(0, sharers.shallow - 1);
    }
    this.counters.materialized(copy.site, location, bytes, first, false);
  }

  /** A write to the top of a shallow copy: copy-on-write would have copied that one node. */
  private chargeTop(copy: NodeRecord, node: object, location: LocationId): void {
    this.materialize(copy, location, Math.min(shallowSize(node), copy.bytes));
  }

  /**
   * A write to a source its shallow copies still share: copy-on-write keeps one image of the node
   * for all of them, and each counts as materialized.
   */
  private chargeSource(source: NodeRecord, node: object, location: LocationId): void {
    let bytes = shallowSize(node);
    for (const [site, sharers] of source.allSharers()) {
      if (sharers.shallow === 0) continue;
      this.counters.materializedMany(site, location, bytes, sharers.shallow, false);
      sharers.shallow = 0;
      bytes = 0;
    }
    source.writes++;
  }

  private chargePaths(record: NodeRecord, node: object, location: LocationId): void {
    for (const entry of record.paths!) {
      if (entry.copied) continue;
      let bytes = 0;
      let current: PathEntry | undefined = entry;
      let at: object | undefined = node;
      while (current && !current.copied && at) {
        current.copied = true;
        bytes += shallowSize(at);
        at = current.parent;
        const copy = entry.copy;
        current = at ? this.records.get(at)?.paths?.find((e) => e.copy === copy) : undefined;
      }
      if (entry.copy.materialized) this.counters.materialized(entry.copy.site, location, bytes, false, false);
      else this.materialize(entry.copy, location, bytes);
    }
    record.paths = record.paths!.filter((e) => !e.copied);
    if (record.paths.length === 0) record.paths = undefined;
  }
}
