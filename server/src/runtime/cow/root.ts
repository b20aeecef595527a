import type { Accounting } from '../figures/accounting.js';
import type { SiteId } from '../figures/types.js';
import type { NodeKind } from './node-kind.js';
import { Domain } from './versions.js';
import { OwnMap } from '../captured-intrinsics.js';

/** Content a root made private (a view's target, or a Date or typed array copied when read). */
export interface PrivateContent {
  readonly kind: NodeKind;
  /** The node it stands for, and the tick that node is read at: its identity in the lineage. */
  readonly node: object;
  readonly tick: number;
  readonly shell: object;
  ownSlots(): ReadonlySet<PropertyKey> | undefined;
  /**
   * How a later copy of this lineage, made at `tick`, reads this content; undefined when it holds
   * values a later copy could not read as they were at `tick`.
   */
  sharedRecord(tick: number): Inherited | undefined;
}

/** Where an earlier view of the same lineage keeps a node it wrote: its content as of `tick`. */
export interface Inherited {
  readonly shell: object;
  readonly kind: NodeKind;
  readonly tick: number;
  /** The tick each slot of that content is read at, where it is not `defaultTick`. */
  readonly slotTicks: ReadonlyMap<PropertyKey, number> | undefined;
  readonly defaultTick: number;
}

/** A map keyed by a node and the tick it is read at: the same object read at two ticks is two values. */
export class TickedMap<V> {
  /** Most maps hold one tick (a copy reads what it shares at its own): that tick's map is kept apart, spared a lookup. */
  private firstTick = -1;
  private first: Map<object, V> | undefined;
  private readonly byTick = new OwnMap<number, Map<object, V>>();
  size = 0;

  get(tick: number, node: object): V | undefined {
    return (tick === this.firstTick ? this.first : this.byTick.get(tick))?.get(node);
  }

  set(tick: number, node: object, value: V): void {
    let map = tick === this.firstTick ? this.first : this.byTick.get(tick);
    if (!map) {
      map = new OwnMap<object, V>();
      this.byTick.set(tick, map);
      if (this.first === undefined) {
        this.firstTick = tick;
        this.first = map;
      }
    }
    if (!map.has(node)) this.size++;
    map.set(node, value);
  }

  *entries(): IterableIterator<[number, object, V]> {
    for (const [tick, map] of this.byTick) for (const [node, value] of map) yield [tick, node, value];
  }
}

/**
 * What the earlier views of a lineage wrote, as an immutable stack of layers, one per copy of a
 * copy: a copy adds a layer on top of its source's stack in O(what the source wrote). Layers
 * merge when the one below is not much larger (as an LSM tree does), so a chain of n copies costs
 * amortised O(log n) a copy and a lookup walks O(log n) layers.
 */
export class InheritedLayers {
  private constructor(
    private readonly own: TickedMap<Inherited>,
    private readonly below: InheritedLayers | undefined,
  ) {}

  static readonly EMPTY = new InheritedLayers(new TickedMap(), undefined);

  get(tick: number, node: object): Inherited | undefined {
    return this.own.get(tick, node) ?? this.below?.get(tick, node);
  }

  push(records: Iterable<[number, object, Inherited]>): InheritedLayers {
    let own = new TickedMap<Inherited>();
    for (const [tick, node, record] of records) own.set(tick, node, record);
    if (own.size === 0) return this;
    let below: InheritedLayers | undefined = this.own.size === 0 ? this.below : this;
    while (below && below.own.size <= own.size * 2) {
      const merged = new TickedMap<Inherited>();
      for (const [tick, node, record] of below.own.entries()) merged.set(tick, node, record);
      for (const [tick, node, record] of own.entries()) merged.set(tick, node, record);
      own = merged;
      below = below.below;
    }
    return new InheritedLayers(own, below);
  }
}

/** Options that shape only the top node of a copy (the copy expression's own result). */
export interface TopShape {
  /** The prototype the copy has (`Object.assign(Object.create(p), o)`); plain copies have Object.prototype. */
  readonly proto?: object | null;
  /** Keys the copy leaves out (`const { a, ...rest } = o` leaves out `a`). */
  readonly hidden?: ReadonlySet<PropertyKey>;
  /** Array spread and Array.from turn holes into undefined; slice and concat keep them. */
  readonly holesAsUndefined?: boolean;
}

/** Shallow copies have no lineage: no view of theirs stands for a node of another copy. */
const SHALLOW_LINEAGE = {};

/**
 * One copy: the views of every node reachable from the copy's result share one Root, which keeps
 * their identities (so `v.x === v.x`, cycles and shared subgraphs hold), the tick they read shared
 * nodes at, and what earlier views of the same lineage wrote.
 */
export class Root {
  // Made at first use: a shallow copy, the most common, has one view and needs none of them.
  private viewMap: TickedMap<object> | undefined;
  private unshared: PrivateContent[] | undefined;
  private shared: PrivateContent[] | undefined;
  private overlays: { flushOverlay(): void }[] | undefined;

  /** View of each node this root has handed out, by the node and the tick it reads it at. */
  get views(): TickedMap<object> {
    return (this.viewMap ??= new TickedMap<object>());
  }

  /** The views handed out, without making the map; undefined before the first. */
  viewsMade(): TickedMap<object> | undefined {
    return this.viewMap;
  }

  /** Once the root is a plain copy, its views hold one another in their slots: identity needs no map. */
  forgetViews(): void {
    this.viewMap = undefined;
  }

  /** Views with private content not yet shared with a later copy, and those already shared. */
  get unsharedWrites(): PrivateContent[] {
    return (this.unshared ??= []);
  }

  get sharedWrites(): PrivateContent[] {
    return (this.shared ??= []);
  }

  /** Views of large arrays holding element writes over their shared content (see NodeHandler's overlay). */
  get overlaid(): { flushOverlay(): void }[] {
    return (this.overlays ??= []);
  }

  /** What an eager copy of the lineage's value cost: what copies of this root do not duplicate. */
  eagerBytes = 0;
  private domain: Domain | undefined;
  /** Set when a deep view stores a view or a copied leaf of another copy: a copy of it could not stay lazy. */
  holdsForeignViews = false;
  /** A view of this root was given a value structuredClone rejects (a symbol, a function): its deep copies must be real, to throw as they would. */
  holdsUncloneable = false;
  materializedOnce = false;
  /** What the views this root made are charged (see VIEW_OVERHEAD_BYTES): past a share of `eagerBytes`, it turns into a plain copy. */
  viewBytes = 0;
  /** Set once the root became a plain copy (turn-to-copy.ts): its views hold their content, and it reads nothing shared. */
  turnedToCopy = false;
  /** Set when the root holds what turning into a copy does not handle (a Map or Set, a settled view, content a later copy shares): it stays lazy. */
  staysLazy = false;
  /** The domain this root's copy shares, and its count of images counted then: a later one already counted the copy as materialized. */
  sharedDomain: Domain | undefined;
  sharedImages = 0;
  /** The versioned plain value the lineage was first copied from, read at `baseTick` by every copy of it. */
  baseDomain: Domain | undefined;
  /** Keeps this copy counted among the readers of `baseDomain` while it lives (versions.ts, `addReader`). */
  readerToken: object | undefined;

  /** Domain of the private content of this root's views, shared with the copies made of it. */
  get ownDomain(): Domain {
    if (!this.domain) {
      this.domain = new Domain();
      this.domain.keepImages = true;
    }
    return this.domain;
  }

  /**
   * Called at each write that gives a view of this root private content: true the first time the
   * copy needed a private copy, unless a write to what it shares already counted it.
   */
  firstMaterialization(): boolean {
    if (this.materializedOnce) return false;
    this.materializedOnce = true;
    const domain = this.sharedDomain;
    if (!domain) return true;
    if (domain.imagesCounted !== this.sharedImages) return false;
    const left = (domain.sharing.get(this.site) ?? 1) - 1;
    if (left > 0) domain.sharing.set(this.site, left);
    else domain.sharing.delete(this.site);
    return true;
  }

  constructor(
    readonly site: SiteId,
    readonly deep: boolean,
    readonly accounting: Accounting,
    readonly tick: number,
    readonly baseTick: number,
    readonly inherited: InheritedLayers,
    readonly top: TopShape,
    /** Shared by a copy and the copies made of it, and of them: their views stand for the same nodes (deep copies only). */
    readonly lineage: object = deep ? {} : SHALLOW_LINEAGE,
  ) {}
}
