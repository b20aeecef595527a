import type { Counters } from '../figures/counters.js';
import type { LocationId, SiteId } from '../figures/types.js';
import { dataValue } from '../data-value.js';
import { isObject } from '../is-object.js';
import { privateStamp } from '../private-stamp.js';
import { copySize, shallowSize } from '../size/index.js';
import { isProxy } from '../is-proxy.js';
import { types } from 'node:util';
import { builtinArray, builtinMap, builtinSet, OwnMap } from '../captured-intrinsics.js';
import { Object, Math, Array } from '../captured-namespaces.js';

/**
 * Observe mode: the program's copies are real; the observer watches them. It keeps one record per
 * object it has seen copied or made by a shallow copy, and per top of a deep copy, in a private
 * field of the object (see private-stamp.ts: a few nanoseconds, where a WeakMap entry costs
 * hundreds); the other nodes of a deep copy carry only their parent there (`Fresh`), and no weak
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
  /** As a node of one deep copy that made it (see `Fresh`), when the node needed a record of its own since. */
  fresh: Fresh | undefined;
  /** As the top of a deep copy: the mark of its nodes a write has made private (one for all of them). */
  copiedMark: Copied | undefined;
  /**
   * As a node that deep copies share: the groups of copies that share it still (no write has made
   * them an image of it), which found it under `sharedUnder` in their source; and in `sourcePaths`
   * those that found it under another parent (the program moved it between copies). A group costs
   * the node a slot of an array, where an entry of its own cost 48 bytes.
   */
  sharedBy: DeepGroup[] | undefined;
  sharedUnder: object | undefined;
  sourcePaths: PathEntry<DeepGroup>[] | undefined;

  sharing(site: SiteId): Sharers {
    if (this.firstSite === 0) this.firstSite = site;
    if (this.firstSite === site) return this;
    this.otherSites ??= new OwnMap();
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
 * A node of a deep copy that the copy made (all of them, but where a customizer hands back an
 * object it had) carries no record: its stamp is its parent in the copy, or, once a write made it
 * private, the copy's `Copied` mark. Every copied node pays the stamp's slot alone, where a record,
 * a path list and its entry cost over 300 bytes, more than most nodes themselves. A chain of
 * parents ends at the copy's top, whose record says which copy it is; a node written is made
 * private with its path, so a node marked `Copied` has only `Copied` ancestors up to the top.
 */
type Fresh = object;

class Copied {
  constructor(readonly copy: NodeRecord) {}
}

type Stamp = NodeRecord | Fresh;

/** The node's place in the deep copy that made it, whether it carries it bare or in a record. */
function freshOf(stamp: Stamp | undefined): Fresh | undefined {
  return stamp instanceof NodeRecord ? stamp.fresh : stamp;
}

/** A stamp that is the node's parent in the copy that made it: no record, no write yet. */
function isBareParent(stamp: Stamp | undefined): stamp is Fresh {
  return stamp !== undefined && !(stamp instanceof NodeRecord) && !(stamp instanceof Copied);
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
  private readonly records = privateStamp<Stamp>();
  /** Copies watched so far: what a package was lent needs a new look only once one was made since (observe/lendings.ts). */
  copies = 0;

  constructor(private readonly counters: Counters) {}

  /** A shallow copy was made: `bytes` duplicated, all of them shareable. */
  shallow(site: SiteId, source: object, copy: object, bytes: number): void {
    this.copies++;
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
    this.copies++;
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
      const sParent = builtinArray.pop(pending) as object | undefined;
      const cParent = builtinArray.pop(pending) as object | undefined;
      const s = builtinArray.pop(pending);
      const c = builtinArray.pop(pending);
      if (typeof c === 'string') {
        bytes += shallowSize(c);
        continue;
      }
      // A copier may hand back a Proxy it could not copy (lodash does, for an Error's): it is not entered.
      if (!isObject(c) || isProxy(c)) continue;
      if (!this.enter(c, cParent, top)) continue;
      bytes += copySize(c);
      // A Proxy of the program's is no node of the source: reading its slots would run its traps.
      const sNode = isObject(s) && !isProxy(s) ? s : undefined;
      if (sNode) shareNode(this.recordOf(sNode), group!, sParent);
      if (Array.isArray(c)) {
        const sArray = Array.isArray(sNode) ? (sNode as unknown[]) : undefined;
        for (let i = 0; i < c.length; i++) {
          const child: unknown = c[i];
          builtinArray.push(pending, child, sArray && isObject(child) ? dataValue(sArray, i) : undefined, c, sNode);
        }
      } else if (types.isMap(c)) {
        builtinMap.forEach(c, (v, k) => builtinArray.push(pending, v, sNode && types.isMap(sNode) ? builtinMap.get(sNode, k) : undefined, c, sNode));
      } else if (types.isSet(c)) {
        builtinSet.forEach(c, (v) => builtinArray.push(pending, v, undefined, c, undefined));
      } else if (!ArrayBuffer.isView(c)) {
        const keys = Object.keys(c);
        for (let i = 0; i < keys.length; i++) {
          const key = keys[i]!;
          const child = (c as Record<string, unknown>)[key];
          builtinArray.push(pending, child, sNode && isObject(child) ? dataValue(sNode, key) : undefined, c, sNode);
        }
      }
    }
    top.bytes = bytes;
    return bytes;
  }

  /** Whether a write to `node` may concern a copy: the observer has seen it copied or made by a copy. */
  watches(node: object): boolean {
    return this.records.get(node) !== undefined;
  }

  /** `node` is about to be written at `location`. */
  written(node: object, location: LocationId): void {
    const stamp = this.records.get(node);
    if (stamp === undefined) return;
    const record = stamp instanceof NodeRecord ? stamp : undefined;
    const fresh = freshOf(stamp);
    if (fresh !== undefined && !(fresh instanceof Copied)) this.chargeFresh(node, fresh, location);
    if (record === undefined) return;
    if (!record.materialized && !record.deepCopy) this.chargeTop(record, location);
    if (record.shallow > 0 || record.otherSites !== undefined) this.chargeSource(record, node, location);
    if (record.paths) this.chargeCopies(record, node, location);
    if (record.sharedBy || record.sourcePaths) this.chargeGroups(record, node, location);
  }

  private recordOf(node: object): NodeRecord {
    const stamp = this.records.get(node);
    if (stamp instanceof NodeRecord) return stamp;
    const record = new NodeRecord();
    record.fresh = stamp;
    this.records.set(node, record);
    return record;
  }

  /**
   * Enters node `c` of deep copy `top`, met in its walk under `parent`; false when the walk met it
   * before (a cycle, a subgraph the copy shares). A node new to the observer under the top or under
   * a node entered so is the copy's own: its stamp is its parent (see `Fresh`).
   */
  private enter(c: object, parent: object | undefined, top: NodeRecord): boolean {
    const stamp = this.records.get(c);
    if (stamp === undefined && parent !== undefined && this.enteredFresh(parent, top)) {
      this.records.set(c, parent);
      return true;
    }
    if (isBareParent(stamp) && this.freshOwner(stamp) === top) return false;
    const record = this.recordOf(c);
    if (record.paths !== undefined && record.paths[record.paths.length - 1]!.owner === top) return false;
    builtinArray.push((record.paths ??= []), { owner: top, parent, copied: false });
    return true;
  }

  /**
   * Whether `node`, entered in the walk of deep copy `top`, is its top or was entered as the copy's
   * own. Only a node entered so in this walk has a bare parent for its stamp: `enter` gives any
   * other node a record, and nothing writes during a walk.
   */
  private enteredFresh(node: object, top: NodeRecord): boolean {
    const stamp = this.records.get(node);
    return stamp === top || isBareParent(stamp);
  }

  /** The deep copy a node's `Fresh` stamp leads to, through its parents. */
  private freshOwner(fresh: Fresh): NodeRecord | undefined {
    let link: Fresh = fresh;
    for (;;) {
      if (link instanceof Copied) return link.copy;
      const stamp = this.records.get(link);
      if (stamp === undefined) return undefined;
      if (stamp instanceof NodeRecord && stamp.deepCopy) return stamp;
      const next = freshOf(stamp);
      if (next === undefined) return undefined;
      link = next;
    }
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

  /** A write to a node its deep copy made: the copy copies the node and its path (see `copyFreshPath`). */
  private chargeFresh(node: object, fresh: Fresh, location: LocationId): void {
    const copy = this.freshOwner(fresh);
    if (copy === undefined) return;
    this.chargeCopy(copy, location, this.copyFreshPath(node, copy));
  }

  /**
   * Makes `node`, a node deep copy `copy` made, private with its path up to the first node a write
   * made private already, or up to the top; returns their bytes.
   */
  private copyFreshPath(node: object, copy: NodeRecord): number {
    const mark = (copy.copiedMark ??= new Copied(copy));
    let bytes = 0;
    let at: object = node;
    for (;;) {
      const stamp = this.records.get(at);
      if (stamp === copy) {
        const own = copy.paths && builtinArray.find(copy.paths, (e) => e.owner === copy);
        if (own !== undefined && !own.copied) {
          own.copied = true;
          copy.paths = uncopied(copy.paths!);
          bytes += shallowSize(at);
        }
        return bytes;
      }
      const fresh = freshOf(stamp);
      if (fresh === undefined || fresh instanceof Copied) return bytes;
      bytes += shallowSize(at);
      if (stamp instanceof NodeRecord) stamp.fresh = mark;
      else this.records.set(at, mark);
      at = fresh;
    }
  }

  /** A write to a node of deep copies: each copy it belongs to copies the node and its path. */
  private chargeCopies(record: NodeRecord, node: object, location: LocationId): void {
    const paths = record.paths!;
    for (let i = 0; i < paths.length; i++) {
      const entry = paths[i]!;
      if (entry.copied) continue;
      this.chargeCopy(entry.owner, location, this.copyPath(entry, node));
    }
    record.paths = uncopied(record.paths!);
  }

  /** A deep copy copies `bytes` for a write: its first such write materializes it. */
  private chargeCopy(copy: NodeRecord, location: LocationId, bytes: number): void {
    if (copy.materialized) this.counters.materialized(copy.site, location, bytes, false, false);
    else this.materialize(copy, location, bytes);
  }

  /**
   * A write to a node that deep copies share: each copy of each group needs an image of the node
   * and its path; the group's copies still pending count as materialized, and the group closes.
   */
  private chargeGroups(record: NodeRecord, node: object, location: LocationId): void {
    const { sharedBy, sharedUnder, sourcePaths } = record;
    record.sharedBy = undefined;
    record.sourcePaths = undefined;
    if (sharedBy !== undefined) for (let i = 0; i < sharedBy.length; i++) this.chargeGroup(sharedBy[i]!, shallowSize(node) + this.copyGroupPath(sharedBy[i]!, sharedUnder), location);
    for (let i = 0; sourcePaths !== undefined && i < sourcePaths.length; i++) {
      const entry = sourcePaths[i]!;
      if (!entry.copied) this.chargeGroup(entry.owner, shallowSize(node) + this.copyGroupPath(entry.owner, entry.parent), location);
    }
  }

  private chargeGroup(group: DeepGroup, pathBytes: number, location: LocationId): void {
    const bytes = pathBytes * group.copies;
    if (group.pending > 0) {
      this.counters.materializedMany(group.site, location, bytes, group.pending, false);
      group.sharers.deep = Math.max(0, group.sharers.deep - group.pending);
      group.pending = 0;
    } else {
      this.counters.materialized(group.site, location, bytes, false, false);
    }
    group.charged = true;
  }

  /** Makes the group an image of `ancestor` and its own ancestors up to the first it has one of; returns their bytes. */
  private copyGroupPath(group: DeepGroup, ancestor: object | undefined): number {
    let bytes = 0;
    let at = ancestor;
    while (at !== undefined) {
      const record = this.records.get(at);
      if (!(record instanceof NodeRecord)) break;
      const i = record.sharedBy?.lastIndexOf(group) ?? -1;
      let next: object | undefined;
      if (i >= 0) {
        record.sharedBy!.splice(i, 1);
        if (record.sharedBy!.length === 0) record.sharedBy = undefined;
        next = record.sharedUnder;
      } else {
        const entry = record.sourcePaths?.find((e) => e.owner === group && !e.copied);
        if (entry === undefined) break;
        entry.copied = true;
        next = entry.parent;
      }
      bytes += shallowSize(at);
      at = next;
    }
    return bytes;
  }

  /**
   * Marks `node` and its ancestors up to the first one copied already as copied for the entry's
   * copy; returns their bytes. An ancestor the copy made (a `Fresh` node) goes on by `copyFreshPath`.
   */
  private copyPath(entry: PathEntry<NodeRecord>, node: object): number {
    let bytes = 0;
    let current: PathEntry<NodeRecord> | undefined = entry;
    let at: object | undefined = node;
    while (current && !current.copied && at) {
      current.copied = true;
      bytes += shallowSize(at);
      at = current.parent;
      const stamp: Stamp | undefined = at ? this.records.get(at) : undefined;
      current = stamp instanceof NodeRecord ? stamp.paths?.find((e) => e.owner === entry.owner) : undefined;
      if (current === undefined && at !== undefined && freshOf(stamp) !== undefined) bytes += this.copyFreshPath(at, entry.owner);
    }
    return bytes;
  }
}

/** Group `group`'s walk met `record`'s node under `parent`. */
function shareNode(record: NodeRecord, group: DeepGroup, parent: object | undefined): void {
  const groups = record.sharedBy;
  // Met before in this walk: a subgraph the source shares, or a cycle.
  if (groups !== undefined && groups[groups.length - 1] === group) return;
  const entries = record.sourcePaths;
  if (entries !== undefined && entries[entries.length - 1]!.owner === group) return;
  if (groups === undefined) {
    record.sharedBy = [group];
    record.sharedUnder = parent;
  } else if (record.sharedUnder === parent) {
    builtinArray.push(groups, group);
  } else {
    builtinArray.push((record.sourcePaths ??= []), { owner: group, parent, copied: false });
  }
}

function uncopied<Owner>(entries: PathEntry<Owner>[]): PathEntry<Owner>[] | undefined {
  const left = builtinArray.filter(entries, (e) => !e.copied);
  return left.length === 0 ? undefined : left;
}
