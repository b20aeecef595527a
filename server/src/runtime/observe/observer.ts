import type { Counters } from '../figures/counters.js';
import type { LocationId, SiteId } from '../figures/types.js';
import { dataValue } from '../data-value.js';
import { isObject } from '../is-object.js';
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
  /** As a deep copy of an object: the copies of its source it is charged with for writes to that source. */
  group: DeepGroup | undefined;

  /**
   * As a source: its writes so far, and its copies still sharing it, per site: the first site's
   * counts inline (`shallow`, `deep`), any other site's in a Map, so the common case allocates nothing.
   */
  writes = 0;
  firstSite = 0;
  shallow = 0;
  deep = 0;
  openGroup: DeepGroup | undefined;
  otherSites: Map<SiteId, Sharers> | undefined;

  /** As a node of deep copies: its parent in each copy it belongs to, for path copying. */
  paths: PathEntry<NodeRecord>[] | undefined;
  /** As a node that deep copies share: its parent in their source, per group of copies. */
  sourcePaths: PathEntry<DeepGroup>[] | undefined;

  sharing(site: SiteId): Sharers {
    if (this.firstSite === 0) this.firstSite = site;
    if (this.firstSite === site) return this;
    this.otherSites ??= new Map();
    let sharers = this.otherSites.get(site);
    if (!sharers) this.otherSites.set(site, (sharers = { shallow: 0, deep: 0, openGroup: undefined }));
    return sharers;
  }

  *allSharers(): Generator<[SiteId, Sharers]> {
    if (this.firstSite !== 0) yield [this.firstSite, this];
    if (this.otherSites) yield* this.otherSites;
  }
}

/**
 * Copies of one source from one site that still share it: shallow ones until the source is
 * written; and the group that deep copies made now join.
 */
interface Sharers {
  shallow: number;
  deep: number;
  openGroup: DeepGroup | undefined;
}

/**
 * Deep copies of one source made at one site while no write hit any node of that source: they
 * share every source node alike, so one path entry a source node serves them all. Copying one
 * unchanging source again and again (a config cloned per request) then adds nothing to its nodes,
 * where an entry per copy would grow without bound. The first write to a node of the source closes
 * the group; copies made after it start another.
 */
class DeepGroup {
  copies = 0;
  /** Copies of the group not materialized yet by a write of their own. */
  pending = 0;
  /** A write to the source has charged the group: its copies have all stopped sharing. */
  charged = false;

  constructor(
    readonly site: SiteId,
    readonly sharers: Sharers,
  ) {}
}

/** A node's parent in one deep copy or one group of copies, and whether a write has copied the node for it already. */
interface PathEntry<Owner> {
  readonly owner: Owner;
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
   * A deep copy was made: enters every node of the copy with its parent, and, when the copy opens
   * a new group, every node of the source with its parent, walking both side by side (where they
   * differ in shape, as JSON turns Dates into strings, only the copy side). Reads own data
   * properties only: no getter runs. A source slot is read only where the copy holds an object
   * there, since only nodes are paired: leaves, the most of any data, cost no descriptor. Returns
   * the bytes the copy duplicated, strings included (a deep copy allocates them anew).
   */
  deep(site: SiteId, source: unknown, copy: object): number {
    const from = isObject(source) ? this.recordOf(source) : undefined;
    const top = this.recordOf(copy);
    top.site = site;
    top.source = from;
    top.materialized = false;
    top.deepCopy = true;
    let group: DeepGroup | undefined;
    let walkSource = false;
    if (from) {
      const sharers = this.share(from, site, true);
      group = sharers.openGroup;
      if (group === undefined || group.charged) {
        sharers.openGroup = group = new DeepGroup(site, sharers);
        walkSource = true;
      }
      group.copies++;
      group.pending++;
      top.group = group;
    }
    let bytes = 0;
    // Four slots a node (copy side, source side, and their parents): no tuple is allocated.
    const pending: unknown[] = [copy, walkSource ? source : undefined, undefined, undefined];
    while (pending.length > 0) {
      const sParent = pending.pop() as object | undefined;
      const cParent = pending.pop() as object | undefined;
      const s = pending.pop();
      const c = pending.pop();
      if (typeof c === 'string') {
        bytes += shallowSize(c);
        continue;
      }
      if (!isObject(c)) continue;
      const record = this.recordOf(c);
      // A node met before in this walk (a cycle, a shared subgraph) already has its entry for `top` last.
      if (record.paths !== undefined && record.paths[record.paths.length - 1]!.owner === top) continue;
      (record.paths ??= []).push({ owner: top, parent: cParent, copied: false });
      bytes += copySize(c);
      const sNode = isObject(s) ? s : undefined;
      if (sNode) {
        const sRecord = this.recordOf(sNode);
        const last = sRecord.sourcePaths?.[sRecord.sourcePaths.length - 1];
        if (last?.owner !== group) (sRecord.sourcePaths ??= []).push({ owner: group!, parent: sParent, copied: false });
      }
      if (Array.isArray(c)) {
        const sArray = Array.isArray(sNode) ? (sNode as unknown[]) : undefined;
        for (let i = 0; i < c.length; i++) {
          const child: unknown = c[i];
          pending.push(child, sArray && isObject(child) ? dataValue(sArray, i) : undefined, c, sNode);
        }
      } else if (c instanceof Map) {
        for (const [k, v] of c as Map<unknown, unknown>) pending.push(v, sNode instanceof Map ? (sNode as Map<unknown, unknown>).get(k) : undefined, c, sNode);
      } else if (c instanceof Set) {
        for (const v of c as Set<unknown>) pending.push(v, undefined, c, undefined);
      } else if (!ArrayBuffer.isView(c)) {
        for (const key of Object.keys(c)) {
          const child = (c as Record<string, unknown>)[key];
          pending.push(child, sNode && isObject(child) ? dataValue(sNode, key) : undefined, c, sNode);
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
    if (!record.materialized && !record.deepCopy) this.chargeTop(record, location);
    if (record.shallow > 0 || record.otherSites !== undefined) this.chargeSource(record, node, location);
    if (record.paths) this.chargeCopies(record, node, location);
    if (record.sourcePaths) this.chargeGroups(record, node, location);
  }

  private recordOf(node: object): NodeRecord {
    let record = this.records.get(node);
    if (record === undefined) this.records.set(node, (record = new NodeRecord()));
    return record;
  }

  private share(source: NodeRecord, site: SiteId, deep: boolean): Sharers {
    const sharers = source.sharing(site);
    if (deep) sharers.deep++;
    else sharers.shallow++;
    this.counters.sharedAtOnce(site, sharers.shallow + sharers.deep + 1);
    return sharers;
  }

  /** The copy stops sharing its source, as a write to it or to its source made it private. */
  private materialize(copy: NodeRecord, location: LocationId, bytes: number): void {
    const group = copy.group;
    // A copy whose source was written since it was made has been counted as materialized then.
    const sourceWritten = group ? group.charged : copy.source !== undefined && copy.source.writes !== copy.generation;
    const first = !copy.materialized && !sourceWritten;
    copy.materialized = true;
    if (first && group) {
      group.pending--;
      group.sharers.deep = Math.max(0, group.sharers.deep - 1);
    } else if (first && copy.source) {
      const sharers = copy.source.sharing(copy.site);
      sharers.shallow = Math.max(0, sharers.shallow - 1);
    }
    this.counters.materialized(copy.site, location, bytes, first, false);
  }

  /**
   * The first write to the top of a shallow copy: copy-on-write would have copied that one node,
   * which no write has changed since it was copied and sized, so it is not sized again.
   */
  private chargeTop(copy: NodeRecord, location: LocationId): void {
    this.materialize(copy, location, copy.bytes);
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

  /** A write to a node of deep copies: each copy it belongs to copies the node and its path. */
  private chargeCopies(record: NodeRecord, node: object, location: LocationId): void {
    for (const entry of record.paths!) {
      if (entry.copied) continue;
      const bytes = this.copyPath(entry, node, (r) => r.paths);
      const copy = entry.owner;
      if (copy.materialized) this.counters.materialized(copy.site, location, bytes, false, false);
      else this.materialize(copy, location, bytes);
    }
    record.paths = uncopied(record.paths!);
  }

  /**
   * A write to a node that deep copies share: each copy of each group needs an image of the node
   * and its path; the group's copies still pending count as materialized, and the group closes.
   */
  private chargeGroups(record: NodeRecord, node: object, location: LocationId): void {
    for (const entry of record.sourcePaths!) {
      if (entry.copied) continue;
      const group = entry.owner;
      const bytes = this.copyPath(entry, node, (r) => r.sourcePaths) * group.copies;
      if (group.pending > 0) {
        this.counters.materializedMany(group.site, location, bytes, group.pending, false);
        group.sharers.deep = Math.max(0, group.sharers.deep - group.pending);
        group.pending = 0;
      } else {
        this.counters.materialized(group.site, location, bytes, false, false);
      }
      group.charged = true;
    }
    record.sourcePaths = uncopied(record.sourcePaths!);
  }

  /** Marks `node` and its ancestors up to the first one copied already as copied for the entry's owner; returns their bytes. */
  private copyPath<Owner>(entry: PathEntry<Owner>, node: object, entries: (record: NodeRecord) => PathEntry<Owner>[] | undefined): number {
    let bytes = 0;
    let current: PathEntry<Owner> | undefined = entry;
    let at: object | undefined = node;
    while (current && !current.copied && at) {
      current.copied = true;
      bytes += shallowSize(at);
      at = current.parent;
      const record: NodeRecord | undefined = at ? this.records.get(at) : undefined;
      current = record ? entries(record)?.find((e) => e.owner === entry.owner) : undefined;
    }
    return bytes;
  }
}

function uncopied<Owner>(entries: PathEntry<Owner>[]): PathEntry<Owner>[] | undefined {
  const left = entries.filter((e) => !e.copied);
  return left.length === 0 ? undefined : left;
}
