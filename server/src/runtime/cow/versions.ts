import { dateTime, typedCopy } from './builtin-reads.js';
import { currentTick } from './clock.js';
import { currentCrossing } from './crossings.js';
import { privateStamp } from '../private-stamp.js';
import { fingerprint } from './fingerprint.js';
import { elementsInherited, isIndex, NodeKind } from './node-kind.js';
import { defineData } from '../define-data.js';
import { shallowSize } from '../size/index.js';
import { pagedImage, PAGE_LENGTH } from './paged-image.js';
import { builtinMap, builtinSet, OwnMap, OwnSet, OwnWeakSet } from '../captured-intrinsics.js';
import { Object, Reflect, Math } from '../captured-namespaces.js';

/**
 * Multi-version concurrency control for the plain nodes that views share. A shared node keeps
 * the images it had before each write that came after a view started sharing it, so a view
 * created at tick `t` reads the node as it was at `t`: a database snapshot, at node granularity.
 *
 * Nodes are grouped in domains (one per shared graph, merged when graphs meet) so that sharing a
 * whole graph again is O(1): bump the domain's last-shared tick, touch no node.
 */
export class Domain {
  sharedAt = 0;
  /** The `sharedAt` at which the domain was last lent to uninstrumented code whole: lent again, nothing new to keep. */
  lentAt = -1;
  /** Set once a node of the domain was lent for good (a package was seen to write it, or it is a Proxy's target): later copies of it are made eagerly. */
  lent = false;
  /** Package calls under way that were handed a node of the domain: until they return, copies of it are made eagerly too. */
  onLoan = 0;
  /** The copy site that shared the domain last: images made for its views are charged to it. */
  site = 0;
  /** Instrumented writes into the domain, and how many there had been when `bytes` was measured. */
  writes = 0;
  sizedAtWrites = -1;
  sizedRoot: object | undefined;
  bytes = 0;
  /**
   * Set when instrumented code put a value that cannot be versioned (a view, a class instance...)
   * into the domain: its later deep copies are made eagerly.
   */
  holdsUnversioned = false;
  // Made at first use: most domains (one a shallow copy's source) never need them.
  private touchedNodes: object[] | undefined;
  private imagedNodes: Set<Versions> | undefined;

  /** Nodes changed by methods (push, Map#set...) whose new children are not yet versioned. */
  get touched(): object[] {
    return (this.touchedNodes ??= []);
  }

  /** The nodes of the domain holding images (see pruneImages). */
  get imaged(): Set<Versions> {
    return (this.imagedNodes ??= new OwnSet());
  }

  /**
   * How many live copies read this domain's nodes as they were at each tick (see `readBy`): images
   * no live reader chooses are dropped (see pruneImages).
   */
  readonly readerTicks = new OwnMap<number, number>();
  /** The token the copies made since the domain's last image share (see `addReader`). */
  readerEpoch: { readonly token: WeakRef<object>; readonly imagesMade: number } | undefined;
  liveImages = 0;
  pruneAt = 64;
  /**
   * Set on the domains of views' own content, whose readers (copies of copies, down a lineage) are
   * not all registered: their images are never pruned.
   */
  keepImages = false;
  /** Views per site still sharing the domain as it was at the last image counted, and how many images there were. */
  readonly sharing = new OwnMap<number, number>();
  imagesMade = 0;
  /** The images counted as materializations: all but those a lending keeps until it knows the package wrote their node (cow/lendings.ts). */
  imagesCounted = 0;
  parent: Domain | undefined;

  /** The domain this one was merged into, if any (union-find, with path halving). */
  root(): Domain {
    if (!this.parent) return this;
    let d = this.parent;
    while (d.parent) d = d.parent;
    this.parent = d;
    return d;
  }
}

export class Versions {
  /**
   * images[i] is the node as it was for every tick in (ticks[i-1], ticks[i]]. Made at the first
   * image: most versioned nodes are never written, and two empty arrays were a third of their cost.
   */
  images: object[] | undefined;
  ticks: number[] | undefined;
  /** Images ever taken or dropped by a lending: views compare it to notice a change (pruning makes the list shorter). */
  imagesTaken = 0;
  imagedAt = -1;
  /** True when every node reachable from this one is versioned too. */
  deep = false;
  /** Digest of the node's content as cowlens last knew it; undefined until the next check takes it anew. */
  print: number | undefined;
  /** The crossing (see crossings.ts) at which a view last checked the digest. */
  checkedAt = -1;

  constructor(
    readonly kind: NodeKind,
    public domain: Domain,
  ) {}
}

const registry = privateStamp<Versions>();

export function versionsOf(node: object): Versions | undefined {
  return registry.get(node);
}

export function register(node: object, kind: NodeKind, domain: Domain): Versions {
  const v = new Versions(kind, domain);
  v.print = fingerprint(node, kind);
  // Taken now, the digest needs no check until code cowlens did not instrument may have run.
  v.checkedAt = currentCrossing();
  registry.set(node, v);
  return v;
}

/**
 * False when the node changed since cowlens last saw it without an instrumented write: code that
 * was not instrumented wrote a value views share (a hazard). Each change is reported once.
 */
export function unchangedSinceSeen(node: object, v: Versions): boolean {
  const now = fingerprint(node, v.kind);
  const known = v.print;
  v.print = now;
  return known === undefined || known === now;
}

/** The node as a view created at `tick` sees it. */
export function contentAt(node: object, v: Versions | undefined, tick: number): object {
  if (v === undefined) return node;
  const { ticks, images } = v;
  if (ticks === undefined) return node;
  for (let i = 0; i < ticks.length; i++) if (ticks[i]! >= tick) return images![i]!;
  return node;
}

/**
 * Call before `node` is written in place: when a view shared it since its last image, keep the
 * current content as an image for those views. Returns the bytes the image copied, if one was
 * made, so the caller can account for them; one made `provisional` is not counted yet.
 */
export function beforeWrite(node: object, v: Versions, provisional = false): number | undefined {
  v.print = undefined;
  const sharedAt = v.domain.root().sharedAt;
  if (v.imagedAt >= sharedAt) return undefined;
  const { image, bytes } = imageOf(node, v);
  const domain = v.domain.root();
  domain.imagesMade++;
  if (!provisional) domain.imagesCounted++;
  (v.images ??= []).push(image);
  v.imagesTaken++;
  (v.ticks ??= []).push(currentTick());
  v.imagedAt = currentTick();
  domain.imaged.add(v);
  domain.liveImages++;
  if (!domain.keepImages && domain.liveImages >= domain.pruneAt) pruneImages(domain);
  return bytes;
}

/** The image of `node` a write just took (`beforeWrite`). */
export function latestImage(v: Versions): object {
  return v.images![v.images!.length - 1]!;
}

/**
 * Drops `image` of a node that did not change since it was taken, and makes the node's next write
 * take one again from `imagedBefore` on: the views that read the image read the node again.
 */
export function dropImage(v: Versions, image: object, imagedAt: number, imagedBefore: number): void {
  const images = v.images;
  const ticks = v.ticks;
  if (images === undefined || ticks === undefined) return;
  let i = images.length - 1;
  while (i >= 0 && images[i] !== image) i--;
  if (i < 0) return;
  for (let j = i; j + 1 < images.length; j++) {
    images[j] = images[j + 1]!;
    ticks[j] = ticks[j + 1]!;
  }
  images.length--;
  ticks.length--;
  const domain = v.domain.root();
  domain.liveImages--;
  if (images.length === 0) domain.imaged.delete(v);
  v.imagesTaken++;
  if (v.imagedAt === imagedAt) v.imagedAt = imagedBefore;
}

/** An image of `node` as it is now: a large array's by pages, sharing those it had at its last image. */
function imageOf(node: object, v: Versions): { readonly image: object; readonly bytes: number } {
  if (v.kind === NodeKind.Array && (node as unknown[]).length >= PAGE_LENGTH) {
    const properties = arraysWithProperties.has(node);
    const paged = pagedImage(node as unknown[], v.images?.[v.images.length - 1], properties);
    if (properties) arraysWithProperties.add(paged.image);
    return paged;
  }
  const image = shallowImage(node, v.kind);
  return { image, bytes: shallowSize(image) };
}

/**
 * Drops the images no live copy can read. A copy made at tick t reads the first image taken at t
 * or later (or the live node when there is none), so only those first images are kept, one per
 * live reader at most; removing any other image changes no reader's choice. Runs when the number
 * of images doubles, so it costs amortised O(1) an image.
 */
export function pruneImages(domain: Domain): void {
  const ticks = [...domain.readerTicks.keys()];
  for (const v of domain.imaged) {
    const images = v.images!;
    const imageTicks = v.ticks!;
    const chosen = new OwnSet<number>();
    for (const t of ticks) {
      const i = imageTicks.findIndex((imageTick) => imageTick >= t);
      if (i >= 0) chosen.add(i);
    }
    const before = images.length;
    let kept = 0;
    for (let i = 0; i < before; i++) {
      if (!chosen.has(i)) continue;
      images[kept] = images[i]!;
      imageTicks[kept] = imageTicks[i]!;
      kept++;
    }
    images.length = kept;
    imageTicks.length = kept;
    domain.liveImages -= before - kept;
    if (kept === 0) domain.imaged.delete(v);
  }
  domain.pruneAt = Math.max(64, domain.liveImages * 2);
}
/**
 * Copies are counted as readers of a domain while they live. A weak reference to each would keep
 * every copy made in a job alive to the end of the job (a loop of dropped copies would hold them
 * all), and a registration of each would cost as much as a small copy; so the copies made while
 * the domain took no image, which all read the same images, share one token: they hold it, a
 * finalization registry (which keeps nothing alive) watches it, and the first copy's tick counts
 * for them all until the last of them is collected (a weak reference to the token, one an image,
 * keeps only the token to the end of its job). Until then they still count, which only keeps
 * images longer.
 */
const readersGone = new FinalizationRegistry<{ readonly domain: Domain; readonly tick: number }>(({ domain, tick }) => {
  countReader(domain.root(), tick, -1);
});

/** `reader` reads `domain`'s nodes as they were at `tick`: their images from then on must stay while it lives. */
export function addReader(domain: Domain, reader: { readerToken: object | undefined }, tick: number): void {
  const root = domain.root();
  const epoch = root.readerEpoch;
  let token = epoch !== undefined && epoch.imagesMade === root.imagesMade ? epoch.token.deref() : undefined;
  if (token === undefined) {
    token = {};
    // The domain must not keep its latest token alive: only its copies do.
    root.readerEpoch = { token: new WeakRef(token), imagesMade: root.imagesMade };
    countReader(root, tick, 1);
    readersGone.register(token, { domain: root, tick });
  }
  reader.readerToken = token;
}

function countReader(domain: Domain, tick: number, delta: number): void {
  const n = (domain.readerTicks.get(tick) ?? 0) + delta;
  if (n > 0) domain.readerTicks.set(tick, n);
  else domain.readerTicks.delete(tick);
}

/** Moves the readers of one domain to the domain it is merged into. */
export function moveReaders(from: Domain, to: Domain): void {
  from.readerTicks.forEach((n, tick) => {
    countReader(to, tick, n);
  });
  from.readerTicks.clear();
  from.readerEpoch = undefined;
  to.readerEpoch = undefined;
}

/**
 * Arrays known to hold properties besides their elements. Listing an array's keys costs as much
 * as copying it, so an image looks for such properties only on arrays marked here: by adoption,
 * which walks the array anyway, and by the writes that add one (through a view or `rt.set`).
 */
const arraysWithProperties = new OwnWeakSet<object>();

export function markArrayProperties(array: object): void {
  arraysWithProperties.add(array);
}

/** Marks `array` when `key`, written into it, is a property besides its elements and `length`. */
export function noteArrayKey(array: object, key: PropertyKey): void {
  if (typeof key === 'string' && key !== 'length' && !isIndex(key)) arraysWithProperties.add(array);
}

export function hasArrayProperties(array: object): boolean {
  return arraysWithProperties.has(array);
}

export function shallowImage(node: object, kind: NodeKind): object {
  switch (kind) {
    case NodeKind.Array: {
      // slice reads a hole through the prototypes: where one holds an index (polluted), own elements only.
      const image = elementsInherited() ? ownElements(node as unknown[]) : (Array.prototype.slice.call(node) as unknown[]);
      if (!arraysWithProperties.has(node)) return image;
      // Deep copies show an array's other properties (structuredClone keeps them); shallow ones ignore them.
      for (const key of Object.keys(node)) if (!isIndex(key)) defineData(image, key, (node as Record<string, unknown>)[key]);
      arraysWithProperties.add(image);
      return image;
    }
    // The program may have replaced the collection's prototype or its methods: the built-ins read and write.
    case NodeKind.Map: {
      const image = new Map();
      for (const [k, v] of builtinMap.entries(node)) builtinMap.set(image, k, v);
      return image;
    }
    case NodeKind.Set: {
      const image = new Set();
      for (const v of builtinSet.values(node)) builtinSet.add(image, v);
      return image;
    }
    case NodeKind.Object: {
      // Properties are defined, as a copy defines them: assigned, they would run setters the
      // program put on Object.prototype, and `__proto__` would set the prototype.
      const proto = Object.getPrototypeOf(node) as object | null;
      if (proto === Object.prototype) return { ...node };
      if (proto === null) return Object.assign(Object.create(null) as object, node);
      const image = Object.create(proto) as object;
      for (const key of Reflect.ownKeys(node)) if (Object.prototype.propertyIsEnumerable.call(node, key)) defineData(image, key, (node as Record<PropertyKey, unknown>)[key]);
      return image;
    }
    case NodeKind.Date:
      return new Date(dateTime(node));
    case NodeKind.Typed:
      return typedCopy(node);
  }
}

/** A copy of `array`'s own elements, its holes kept holes. */
function ownElements(array: unknown[]): unknown[] {
  const image: unknown[] = [];
  image.length = array.length;
  for (let i = 0; i < array.length; i++) if (Object.hasOwn(array, i)) defineData(image, String(i), array[i]);
  return image;
}
