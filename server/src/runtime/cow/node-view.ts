import { inspect } from 'node:util';
import { childObjects } from '../child-objects.js';
import { privateStamp } from '../private-stamp.js';
import { defineData } from '../define-data.js';
import { inheritedDescriptor } from '../inherited-descriptor.js';
import { shallowSize } from '../size/index.js';
import { TAGGED } from '../size/v8-layout.js';
import { elementsInherited, isIndex, NodeKind, plainNodeKind } from './node-kind.js';
import { hideViewsFromTypeChecks } from './hidden-proxies.js';
import { inspectionImage, type Members } from './inspection-image.js';
import { refuse } from './refusal.js';
import type { Inherited, PrivateContent, Root } from './root.js';
import { beforeOwnWrite, recordMaterialization, recordPartialCopy, SharedContent } from './shared-content.js';
import { contentAt, hasArrayProperties, markArrayProperties, noteArrayKey, shallowImage, versionsOf } from './versions.js';
import { ownFields } from './own-fields.js';
import { isPagedImage } from './paged-image.js';
import { builtinArray, builtinMap, builtinSet, OwnMap, OwnSet, OwnWeakMap, OwnWeakSet } from '../captured-intrinsics.js';
import { Object, Reflect, Array } from '../captured-namespaces.js';

/**
 * The views: each is a Proxy whose handler is a NodeHandler. Until its first write a view reads
 * the shared node (as it was at the view's tick); the first write copies that one node into the
 * proxy's own target (the copy point), which from then on is the view's private content. The
 * target also carries a `util.inspect` hook, because Node inspects a Proxy's target, not its traps.
 */
/**
 * Every view's handler, stamped on its proxy. Telling a view apart reads no property: a property
 * read would run the traps of the program's own proxies and search prototype chains the program
 * may have changed. A private stamp is neither (V8 keeps it on the proxy itself, no trap runs), and
 * costs a few nanoseconds where a WeakMap lookup costs tens.
 */
const views = privateStamp<ViewHandler>();

export function registerView(h: ViewHandler): void {
  views.set(h.proxy, h);
}

/** A Date or typed array a deep view copied when first read: plain, and the root's own from then on. */
class CopiedLeaf implements PrivateContent {
  constructor(
    readonly root: Root,
    readonly kind: NodeKind,
    readonly node: object,
    readonly tick: number,
    readonly shell: object,
  ) {
    copiedLeaves.set(shell, this);
  }

  ownSlots(): undefined {
    return undefined;
  }

  sharedRecord(tick: number): Inherited {
    return { shell: this.shell, kind: this.kind, tick, slotTicks: undefined, defaultTick: this.tick };
  }
}

/** Each copied leaf, by the copy: it stands for its node wherever the user puts it in the lineage. */
const copiedLeaves = privateStamp<CopiedLeaf>();

/** The root, node and tick of a Date or typed array a deep view copied when first read; undefined for anything else. */
export function copiedLeafOf(value: object): { readonly root: Root; readonly node: object; readonly tick: number } | undefined {
  return copiedLeaves.get(value);
}

/**
 * True when `value`, written into a view of `root`, is the user's own object rather than one the
 * root handed out (a view of its, or a leaf it copied), which stands for a node of the lineage.
 */
export function isUserValue(root: Root, value: unknown): boolean {
  if (!isObject(value)) return false;
  const h = handlerOf(value);
  if (h) return h.root !== root;
  return copiedLeaves.get(value)?.root !== root;
}

/**
 * A view or a copied leaf that another copy handed out. Plain JavaScript gives every copy objects
 * of its own, so such a value is distinct from anything this root reads, the node it came from
 * included; a deep copy of a root that holds one is made eagerly, which keeps them apart (a lazy
 * copy would read it as its node and merge it with its own copy of that node).
 */
export function isAnotherCopysValue(root: Root, value: unknown): boolean {
  if (!isObject(value)) return false;
  const h = handlerOf(value);
  if (h) return h.root !== root;
  const leaf = copiedLeaves.get(value);
  return leaf !== undefined && leaf.root !== root;
}

export interface ViewHandler extends PrivateContent {
  readonly proxy: object;
  /** False once the view holds what a plain copy of it would leave out (hidden properties, a new prototype). */
  holdsOnlyPlainData(): boolean;
  /** The array a native method may read in place of an array view's traps, when it reads the same. */
  plainElements(): unknown[] | undefined;
  readonly root: Root;
  /** The view's content now: a shared node, an image of it, or its private content. */
  current(): object;
  /** True once the view has private content. */
  readonly materialized: boolean;
  /** The tick a slot of the private content is read at. */
  slotTick(key: PropertyKey): number;
  /** A plain, deep, unshared copy of what the view shows (for structuredClone, postMessage, inspect). */
  plainImage(seen: Map<object, unknown>): unknown;
  /** Makes element writes kept over a shared array part of a whole private copy. */
  flushOverlay(): void;
  /** Whether the slot's value is the view's own (it materialized, or wrote the element over its array). */
  holdsPrivately(key: PropertyKey): boolean;
  /** A Map or Set view's entries as it shows them. */
  members?(): Members;
  /** Object and array views: makes the view the plain copy whose slots `data` holds (turn-to-copy.ts). */
  becomeCopy?(data: object): void;
}

export function handlerOf(value: unknown): ViewHandler | undefined {
  return typeof value === 'object' && value !== null ? views.get(value) : undefined;
}

/** What a view is a copy of (an array, an object, a Map, a Set); undefined for anything that is no view. */
export function viewKindOf(value: unknown): NodeKind | undefined {
  return handlerOf(value)?.kind;
}

export function isView(value: unknown): boolean {
  return handlerOf(value) !== undefined;
}


const hasOwn = (o: object, k: PropertyKey): boolean => Object.prototype.hasOwnProperty.call(o, k);

/**
 * Arrays at least this long are not copied whole at a view's first element write or append: the
 * view keeps the elements it writes, and the length it grows to, in an overlay over the shared
 * array, as a kernel copies one page, not the address space. Anything else (a shorter length, a
 * delete of a shared element) still copies the whole array then.
 */
export const OVERLAY_MIN_LENGTH = 1024;
/** What an overlay costs before its first element: an object header and an elements store. */
const OVERLAY_BYTES = 56;
const HOOK = inspect.custom;

/**
 * An object view's target inherits from a prototype that adds only the inspect hook to the copy's
 * real prototype, which the getPrototypeOf trap reports instead; a settled target gets the real one.
 * (An array view's target holds the hook as its own: see shellArray.)
 */
/**
 * The traps a settled view drops: each of them then only forwards to the target, which a Proxy
 * without the trap does natively. A frozen view is read key by key by `Object.isFrozen` and
 * frozen key by key by `Object.freeze` (immer does both to every state it makes): a trap per key,
 * with V8's checks of what it returned, made cow mode 2–3× slower on benchmark (g), a Redux
 * Toolkit store. `set` and `deleteProperty` stay: they count the write.
 */
const SETTLED_FORWARDS = ['get', 'has', 'ownKeys', 'getOwnPropertyDescriptor', 'isExtensible', 'getPrototypeOf', 'defineProperty', 'preventExtensions', 'setPrototypeOf'] as const;
/** NodeHandler's methods without the `get` trap, so that a Proxy reads its target directly. */
let readsFromTarget: object | undefined;
const shellPrototypes = new OwnWeakSet<object>();
/** The prototype a view shows for its target: the copy's, past the shell prototype that may stand in for it. */
const prototypeShown = (target: object): object | null => {
  const proto = Reflect.getPrototypeOf(target);
  return proto !== null && shellPrototypes.has(proto) ? Reflect.getPrototypeOf(proto) : proto;
};
const protoWithHook = new OwnWeakMap<object, object>();

export function shellPrototype(proto: object | null): object {
  const key = proto ?? NULL_PROTO_KEY;
  let withHook = protoWithHook.get(key);
  if (!withHook) {
    withHook = Object.create(proto, { [HOOK]: { value: inspectView, writable: true, configurable: true, enumerable: false } }) as object;
    protoWithHook.set(key, withHook);
    shellPrototypes.add(withHook);
  }
  return withHook;
}

/**
 * Whether content whose prototype is `actual` reads string keys as a copy with prototype `expected`
 * does: the same prototype, or a view's own content, whose prototype adds only the inspect hook.
 */
function readsAsPrototype(actual: object | null, expected: object | null): boolean {
  return actual === expected || (actual !== null && shellPrototypes.has(actual) && Reflect.getPrototypeOf(actual) === expected);
}

const NULL_PROTO_KEY = {};

/**
 * An array view's target: a plain array holding the inspect hook as its own property (which the
 * traps hide), not through a prototype of its own, since V8 runs native methods (slice, spread,
 * concat) on an array whose prototype is not Array.prototype some forty times slower, and a view
 * hands its content to them (plainElements). Assigned, not defined: a defined property costs a
 * runtime call at every view made.
 */
function shellArray(): unknown[] {
  const array: unknown[] = [];
  (array as unknown as Record<symbol, unknown>)[HOOK] = inspectView;
  return array;
}

/** Whether `shell` holds, as its own, a symbol-keyed property other than the hook shellArray gave it. */
function holdsOwnSymbols(shell: object): boolean {
  for (const key of Object.getOwnPropertySymbols(shell)) if (key !== HOOK || (shell as Record<symbol, unknown>)[HOOK] !== inspectView) return true;
  return false;
}

/** Bytes a view costs beyond what it shares: the proxy, its handler, its empty target. */
export const VIEW_OVERHEAD_BYTES = 240;

function isObject(v: unknown): v is object {
  return (typeof v === 'object' && v !== null) || typeof v === 'function';
}

/** Array reads go straight to the content only for indices and length; other keys take the full path. */
function startsWithDigit(key: string): boolean {
  const c = key.charCodeAt(0);
  return c >= 48 && c <= 57;
}

/**
 * Reads a slot of deep content as the root must present it: values the user wrote come back as
 * they are; shared nodes come back as this root's views of them, read at the slot's tick.
 */
export function presentSlot(root: Root, owner: ViewHandler | undefined, key: PropertyKey, value: unknown): unknown {
  // A root turned into a plain copy holds what it presents in its slots (turn-to-copy.ts).
  if (!root.deep || root.turnedToCopy || !isObject(value)) return value;
  if (owner?.holdsPrivately(key) === true && owner.ownSlots()?.has(key)) return value;
  const h = handlerOf(value);
  if (h) {
    // A view an earlier copy of this lineage stored stands for its node; any other view is a value of its own.
    if (h.root === root || h.root.lineage !== root.lineage) return value;
    return wrap(root, h.node, h.tick);
  }
  const leaf = copiedLeaves.get(value);
  if (leaf && leaf.root.lineage === root.lineage) return wrap(root, leaf.node, leaf.tick);
  return wrap(root, value, owner ? owner.slotTick(key) : root.baseTick);
}

/**
 * The kind of a node that no version control knows: a value handed to cow(), which takes
 * ownership, so the kind found the first time stays true. Such a node was never adopted, so an
 * array's properties besides its elements are looked for here, once, as adoption would have.
 */
const kinds = new OwnWeakMap<object, NodeKind | -1>();

export function knownKind(node: object): NodeKind | undefined {
  let kind = kinds.get(node);
  if (kind === undefined) {
    kinds.set(node, (kind = plainNodeKind(node) ?? -1));
    if (kind === NodeKind.Array) noteArrayProperties(node as unknown[]);
  }
  return kind === -1 ? undefined : kind;
}

/** Object.keys lists an array's elements first: a last key that is not an index is another property. */
function noteArrayProperties(array: unknown[]): void {
  const keys = Object.keys(array);
  const last = keys[keys.length - 1];
  if (last !== undefined && !isIndex(last)) markArrayProperties(array);
}

/** This root's view of `node` read at `tick`, made once and kept so identity holds. */
export function wrap(root: Root, node: object, tick: number): unknown {
  const known = root.views.get(tick, node);
  if (known) return known;
  const inherited = root.inherited.get(tick, node);
  const source = inherited ? contentAt(inherited.shell, versionsOf(inherited.shell), inherited.tick) : contentAt(node, versionsOf(node), tick);
  const kind = inherited ? inherited.kind : (versionsOf(node)?.kind ?? knownKind(source));
  let view: object;
  if (kind === NodeKind.Date || kind === NodeKind.Typed || kind === undefined) {
    // Small or native values: copied when first read, as a deep copy would have copied them.
    view = kind === undefined ? source : shallowImage(source, kind);
    if (kind !== undefined) {
      root.accounting.counters.unsaved(root.site, shallowSize(view));
      root.unsharedWrites.push(new CopiedLeaf(root, kind, node, tick, view));
    }
  } else if (kind === NodeKind.Set && root.deep && holdsObjects(source as Set<unknown>)) {
    // A deep copy copies a Set's members too: the view shares a Set of this root's views of them,
    // made now, so that `has` finds the members the view hands out. The view is known before its
    // members are wrapped, so a Set that holds itself (or a cycle back to it) finds it.
    const members = new OwnSet<unknown>();
    const memberTick = inherited ? inherited.defaultTick : tick;
    view = createView(root, kind, node, tick, { shell: members, kind, tick, slotTicks: undefined, defaultTick: memberTick }, false);
    root.views.set(tick, node, view);
    for (const m of [...builtinSet.values(source)]) members.add(isObject(m) ? memberView(root, m, memberTick) : m);
    return view;
  } else {
    view = createView(root, kind, node, tick, inherited, false);
  }
  root.views.set(tick, node, view);
  return view;
}

/** This root's view of a Set member: a view of the same lineage stands for its node, as in object slots. */
function memberView(root: Root, member: object, tick: number): unknown {
  const h = handlerOf(member);
  if (h && h.root !== root && h.root.lineage === root.lineage) return wrap(root, h.node, h.tick);
  return h ? member : wrap(root, member, tick);
}

function holdsObjects(set: Set<unknown>): boolean {
  for (const member of builtinSet.values(set)) if (isObject(member)) return true;
  return false;
}

let createCollectionView: ((root: Root, kind: NodeKind, node: object, tick: number, inherited: Inherited | undefined) => object) | undefined;

/** Map and Set views live in their own module; it registers itself here to keep imports one-way. */
export function setCollectionViewFactory(factory: typeof createCollectionView): void {
  createCollectionView = factory;
}

let viewsMade = false;

let afterChildView: ((root: Root) => void) | undefined;

/** The check that turns a root into a plain copy once its views cost too much lives in its own module; it registers itself here. */
export function setAfterChildView(check: typeof afterChildView): void {
  afterChildView = check;
}

/** False until the first view is made: until then no value can hold one, and nothing needs unwrapping. */
export function anyViewMade(): boolean {
  return viewsMade;
}

export function createView(root: Root, kind: NodeKind, node: object, tick: number, inherited: Inherited | undefined, top: boolean): object {
  if (!viewsMade) hideViewsFromTypeChecks(viewKindOf);
  viewsMade = true;
  root.accounting.counters.overhead(root.site, VIEW_OVERHEAD_BYTES);
  root.viewBytes += VIEW_OVERHEAD_BYTES;
  if (kind === NodeKind.Map || kind === NodeKind.Set) {
    if (!createCollectionView) throw new Error('cowlens: collection views are not loaded');
    return createCollectionView(root, kind, node, tick, inherited);
  }
  return new NodeHandler(root, kind, node, tick, inherited, top).proxy;
}

/** Views of plain objects and arrays. */
class NodeHandler implements ProxyHandler<object>, ViewHandler {
  readonly proxy: object;
  readonly shell: object;
  materialized = false;
  /** Once the view is frozen or given a property a view cannot present, its target is the whole truth. */
  private settled = false;
  /** Undefined once the root turned into a plain copy: the view then holds its content and reads nothing shared. */
  private shared: SharedContent | undefined;
  private own: Set<PropertyKey> | undefined;
  private slotTicks: Map<PropertyKey, number> | undefined;
  private readonly defaultTick: number;
  private readonly hidden: ReadonlySet<PropertyKey> | undefined;
  private readonly holesAsUndefined: boolean;
  /**
   * True when reading a string key straight off the content answers as the copy would (same
   * prototype, nothing hidden, no holes to fill): the hot path of reads.
   */
  private direct = false;
  /**
   * The elements this view wrote over a large shared array: an object whose prototype is the
   * content it shares, so a read finds the written element or, through the prototype, the shared
   * one. `overlayBase` is that content; it changes when the source is written and the view turns
   * to an image.
   */
  private overlay: Record<string, unknown> | undefined;
  private overlayBase: object | undefined;
  /** The view handed out for each slot, with the raw value it was made from: reads skip the lookups. */
  private childViews: Record<string, unknown> | undefined;
  private childRaws: Record<string, unknown> | undefined;

  constructor(
    readonly root: Root,
    readonly kind: NodeKind,
    readonly node: object,
    readonly tick: number,
    inherited: Inherited | undefined,
    top: boolean,
  ) {
    const proto = top && root.top.proto !== undefined ? root.top.proto : Object.prototype;
    this.shell = kind === NodeKind.Array ? shellArray() : (Object.create(shellPrototype(proto)) as object);
    this.hidden = top ? root.top.hidden : undefined;
    this.holesAsUndefined = top && root.top.holesAsUndefined === true;
    const shared = new SharedContent(root, node, tick, inherited);
    this.shared = shared;
    this.defaultTick = inherited ? inherited.defaultTick : tick;
    if (inherited?.slotTicks) this.slotTicks = new OwnMap(inherited.slotTicks);
    this.direct = this.hidden === undefined && !this.holesAsUndefined && readsAsPrototype(Reflect.getPrototypeOf(shared.peek()), kind === NodeKind.Array ? Array.prototype : proto);
    this.proxy = new Proxy(this.shell, this);
    registerView(this);
  }

  current(): object {
    if (this.materialized) return this.shell;
    const shared = this.shared!.get();
    if (this.overlay === undefined) return shared;
    if (this.overlayBase !== shared) {
      Object.setPrototypeOf(this.overlay, shared);
      this.overlayBase = shared;
    }
    return this.overlay;
  }

  holdsPrivately(key: PropertyKey): boolean {
    return this.materialized || (this.overlay !== undefined && hasOwn(this.overlay, key));
  }

  /** Copies the whole array, overlay included, before a copy of this view is made from its content. */
  flushOverlay(): void {
    if (this.overlay !== undefined && !this.materialized) this.materialize();
  }

  /** An own slot of the content, the overlay's or the shared array's under it. */
  private ownIn(content: object, key: PropertyKey): boolean {
    return hasOwn(content, key) || (content === this.overlay && hasOwn(this.overlayBase!, key));
  }

  /**
   * An element write into a large array, or a length change that keeps every element it shares
   * (a push, a pop of what the view pushed), goes to the overlay: true when it did. Past the
   * shared array's end the overlay holds the view's own `length` too.
   */
  private writeOverlay(key: PropertyKey, value: unknown): boolean {
    if (this.materialized || !this.direct || this.kind !== NodeKind.Array) return false;
    const content = this.current() as unknown[];
    const base = (this.overlayBase ?? content) as unknown[];
    if (base.length < this.root.accounting.overlayMinLength) return false;
    if (key === 'length') return this.resizeOverlay(base, value);
    // Past the end, only an append (a push): a write far past it would leave a sparse overlay that is slow to list.
    if (!isIndex(key) || Number(key) > content.length) return false;
    const header = this.overlay === undefined ? OVERLAY_BYTES : 0;
    const overlay = this.overlayOver(content);
    const index = Number(key);
    // Each slot the overlay gains costs a pointer; the first time it holds a length, that too.
    const grows = index === content.length;
    const bytes = header + ((hasOwn(overlay, key) ? 0 : 1) + (grows && !hasOwn(overlay, 'length') ? 1 : 0)) * TAGGED;
    this.chargeOverlay(bytes);
    // Defined, not assigned: an element the shared array holds read-only (a frozen source) must not block the copy's own.
    Object.defineProperty(overlay, key, { value, writable: true, enumerable: true, configurable: true });
    if (grows) defineLength(overlay, index + 1);
    this.wrote(key, value);
    return true;
  }

  /** The overlay, made over `content` at the view's first write into it. */
  private overlayOver(content: object): Record<string, unknown> {
    if (this.overlay !== undefined) return this.overlay;
    this.overlayBase = content;
    this.overlay = Object.create(content) as Record<string, unknown>;
    this.root.overlaid.push(this);
    return this.overlay;
  }

  /** Counts a write into the overlay: a partial copy of `bytes`, or none when it only replaced what the view had written. */
  private chargeOverlay(bytes: number): void {
    if (bytes > 0) recordPartialCopy(this.root, bytes);
    else this.root.accounting.takeLocation();
  }

  /**
   * `length = value` kept in the overlay when it drops no element of the shared array: an array
   * length the shared array's or longer. Anything else (a shorter length, or a value an array
   * refuses, whose RangeError the copy gives) is left to the whole copy.
   */
  private resizeOverlay(base: unknown[], value: unknown): boolean {
    if (typeof value !== 'number' || value >>> 0 !== value || value < base.length) return false;
    const header = this.overlay === undefined ? OVERLAY_BYTES : 0;
    const overlay = this.overlayOver(this.current());
    const length = (overlay as unknown as unknown[]).length;
    if (value < length) {
      // A shorter length drops the elements the view put past it, as an array's does.
      for (const key of Object.keys(overlay)) if (isIndex(key) && Number(key) >= value) Reflect.deleteProperty(overlay, key);
    }
    this.chargeOverlay(header + (hasOwn(overlay, 'length') ? 0 : TAGGED));
    defineLength(overlay, value);
    return true;
  }

  /** Deletes an element the view put past the shared array's end (a pop of its own push): true when it did. */
  private deleteFromOverlay(key: PropertyKey): boolean {
    const overlay = this.overlay;
    if (overlay === undefined || this.materialized || !isIndex(key) || !hasOwn(overlay, key) || Number(key) < (this.overlayBase as unknown[]).length) return false;
    this.root.accounting.takeLocation();
    Reflect.deleteProperty(overlay, key);
    this.own?.delete(key);
    this.slotTicks?.delete(key);
    this.forgetChild(key);
    return true;
  }

  /** Bookkeeping after the view wrote `value` into its own slot `key`, in its content or its overlay. */
  private wrote(key: PropertyKey, value: unknown): void {
    if (typeof value === 'symbol' || typeof value === 'function') this.root.holdsUncloneable = true;
    if (this.kind === NodeKind.Array) noteArrayKey(this.shell, key);
    this.markSlot(key, value);
    this.forgetChild(key);
  }

  slotTick(key: PropertyKey): number {
    return this.slotTicks?.get(key) ?? this.defaultTick;
  }

  /**
   * The array a shallow array view reads its elements from, when each of its reads is a plain read
   * of it (its own content, or shared content with no overlay, no holes turned into undefined and
   * Array.prototype above it): a native method run on it gives what it would give through the
   * view's traps, without a trap a slot. (A large array's image is read through a Proxy of its pages, no plain array.)
   */
  plainElements(): unknown[] | undefined {
    if (this.settled || this.kind !== NodeKind.Array || this.root.deep || !(this.direct || this.materialized)) return undefined;
    const content = this.current();
    return content === this.overlay || isPagedImage(content) ? undefined : (content as unknown[]);
  }

  holdsOnlyPlainData(): boolean {
    return !this.settled;
  }

  ownSlots(): ReadonlySet<PropertyKey> | undefined {
    return this.own;
  }

  private visible(content: object, key: PropertyKey): boolean {
    if (key === HOOK) return false;
    if (this.kind === NodeKind.Array) {
      if (key === 'length') return true;
      // A deep copy keeps an array's other properties (structuredClone does); a slice or spread does not.
      if (!isIndex(key)) return (this.materialized || (this.root.deep && typeof key === 'string')) && this.ownIn(content, key);
      return this.holesAsUndefined && !this.materialized ? Number(key) < (content as unknown[]).length : this.ownIn(content, key);
    }
    return hasOwn(content, key) && !(this.hidden?.has(key) === true && !this.materialized);
  }

  private read(content: object, key: PropertyKey): unknown {
    const value = (content as Record<PropertyKey, unknown>)[key];
    if (typeof key !== 'string' || typeof value !== 'object' || value === null || !this.root.deep) return presentSlot(this.root, this, key, value);
    return this.presentChild(content, key, value);
  }

  /** An object in a slot of a deep view, as the root presents it, remembered per slot. */
  private presentChild(content: object, key: string, value: object): unknown {
    if (this.root.turnedToCopy) return value;
    const raws = (this.childRaws ??= Object.create(null) as Record<string, unknown>);
    const views = (this.childViews ??= Object.create(null) as Record<string, unknown>);
    if (raws[key] === value) return views[key];
    if (!this.ownIn(content, key)) return value;
    const presented = presentSlot(this.root, this, key, value);
    raws[key] = value;
    views[key] = presented;
    if (presented !== value && this.root.deep) afterChildView?.(this.root);
    return presented;
  }

  private forgetChild(key: PropertyKey): void {
    if (typeof key === 'string' && this.childRaws !== undefined) this.childRaws[key] = undefined;
  }

  get(target: object, key: PropertyKey, receiver: unknown): unknown {
    if (this.settled) return Reflect.get(target, key, receiver);
    const content = this.current();
    if (typeof key === 'string' && (this.direct || this.materialized) && (this.kind === NodeKind.Object || key === 'length' || startsWithDigit(key))) {
      const value = (content as Record<string, unknown>)[key];
      if (typeof value !== 'object' || value === null || !this.root.deep) return value;
      return this.presentChild(content, key, value);
    }
    if (key === HOOK) return inspectView;
    if (this.visible(content, key)) return this.read(content, key);
    return Reflect.get(target, key, receiver);
  }

  has(target: object, key: PropertyKey): boolean {
    if (this.settled) return Reflect.has(target, key);
    const content = this.current();
    if (this.visible(content, key)) return true;
    if (key === HOOK) return false;
    const proto = Reflect.getPrototypeOf(target);
    return proto !== null && Reflect.has(proto, key);
  }

  ownKeys(target: object): ArrayLike<string | symbol> {
    if (this.settled) return Reflect.ownKeys(target);
    const content = this.current();
    if (content === this.overlay) {
      // Elements written over the shared array are its own slots too, in index order, and those the view put past its end.
      const base = this.overlayBase as unknown[];
      const keys: (string | symbol)[] = [];
      const length = (content as unknown[]).length;
      // Own elements of either: Array.prototype may hold an element at a hole's index.
      for (let i = 0; i < length; i++) if (Object.hasOwn(content, i) || Object.hasOwn(base, i)) keys.push(String(i));
      for (const key of Reflect.ownKeys(base)) if (!isIndex(key) && key !== HOOK && this.visible(content, key)) keys.push(key);
      return keys;
    }
    const keys = Reflect.ownKeys(content).filter((k) => k !== HOOK && this.visible(content, k));
    if (this.kind === NodeKind.Array && this.holesAsUndefined && !this.materialized) {
      const length = (content as unknown[]).length;
      const dense: (string | symbol)[] = [];
      for (let i = 0; i < length; i++) dense.push(String(i));
      dense.push('length');
      return dense;
    }
    return keys;
  }

  getOwnPropertyDescriptor(target: object, key: PropertyKey): PropertyDescriptor | undefined {
    if (this.settled) return Reflect.getOwnPropertyDescriptor(target, key);
    const content = this.current();
    if (!this.visible(content, key)) return undefined;
    if (this.kind === NodeKind.Array && key === 'length') {
      return { value: (content as unknown[]).length, writable: true, enumerable: false, configurable: false };
    }
    return { value: this.read(content, key), writable: true, enumerable: true, configurable: true };
  }

  set(target: object, key: PropertyKey, value: unknown, receiver: unknown): boolean {
    if (receiver !== this.proxy) return Reflect.set(target, key, value, receiver);
    if (this.settled || key === HOOK) {
      this.materialize();
      return Reflect.set(target, key, value) || refuse(this, 'set', () => ((target as Record<PropertyKey, unknown>)[key] = value));
    }
    const content = this.current();
    if (!this.visible(content, key) && !(this.kind === NodeKind.Array && isIndex(key))) {
      // A setter or a read-only property up the prototype chain decides, as it would on the copy.
      const proto = Reflect.getPrototypeOf(target);
      const inherited = proto === null ? undefined : inheritedDescriptor(proto, key);
      // An accessor is a descriptor without an own `value` (its inherited fields are the program's Object.prototype).
      if (inherited && (!Object.hasOwn(inherited, 'value') || inherited.writable === false)) {
        return Reflect.set(target, key, value, receiver) || refuse(this, 'set', () => ((target as Record<PropertyKey, unknown>)[key] = value));
      }
    }
    if (this.materialized && Object.is((content as Record<PropertyKey, unknown>)[key], value) && hasOwn(content, key)) {
      this.markSlot(key, value);
      this.forgetChild(key);
      return true;
    }
    if (this.writeOverlay(key, value)) return true;
    this.materialize();
    (this.shell as Record<PropertyKey, unknown>)[key] = value;
    this.wrote(key, value);
    return true;
  }

  deleteProperty(target: object, key: PropertyKey): boolean {
    if (this.settled) {
      this.materialize();
      // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- the operation whose plain failure the program gets
      return Reflect.deleteProperty(target, key) || refuse(this, 'deleteProperty', () => delete (target as Record<PropertyKey, unknown>)[key]);
    }
    const content = this.current();
    if (!this.visible(content, key)) return true;
    if (this.kind === NodeKind.Array && key === 'length') return refuse(this, 'deleteProperty', () => delete (this.shell as { length?: number }).length);
    if (this.deleteFromOverlay(key)) return true;
    this.materialize();
    this.own?.delete(key);
    this.slotTicks?.delete(key);
    this.forgetChild(key);
    return Reflect.deleteProperty(this.shell, key);
  }

  defineProperty(target: object, key: PropertyKey, descriptor: PropertyDescriptor): boolean {
    // The fields the program gave: the descriptor a trap gets inherits from Object.prototype, where the program may have put a `value`.
    const given = ownFields(descriptor);
    const plain = 'value' in given && given.writable === true && given.enumerable === true && given.configurable === true && key !== HOOK;
    if (plain && !this.settled && (this.kind !== NodeKind.Array || isIndex(key))) {
      return this.set(target, key, given.value, this.proxy);
    }
    // Anything else (accessors, hidden or read-only properties) makes the target the whole truth.
    this.settle();
    return Reflect.defineProperty(target, key, given) || refuse(this, 'defineProperty', () => Object.defineProperty(target, key, given));
  }

  preventExtensions(target: object): boolean {
    this.settle();
    return Reflect.preventExtensions(target);
  }

  isExtensible(target: object): boolean {
    return Reflect.isExtensible(target);
  }

  getPrototypeOf(target: object): object | null {
    return prototypeShown(target);
  }

  setPrototypeOf(target: object, proto: object | null): boolean {
    this.settle();
    return Reflect.setPrototypeOf(target, proto) || refuse(this, 'setPrototypeOf', () => Object.setPrototypeOf(target, proto));
  }

  private markSlot(key: PropertyKey, value: unknown): void {
    if (!this.root.deep) return;
    this.slotTicks?.delete(key);
    if (isUserValue(this.root, value)) {
      (this.own ??= new OwnSet()).add(key);
      if (isAnotherCopysValue(this.root, value)) this.root.holdsForeignViews = true;
    } else {
      this.own?.delete(key);
    }
  }

  /** Makes the view's content private: copies the shared node into the target (the copy point). */
  materialize(): void {
    if (this.materialized) {
      beforeOwnWrite(this.root, this.shell);
      return;
    }
    const content = this.current();
    const shell = this.shell as Record<PropertyKey, unknown>;
    if (this.kind === NodeKind.Array) {
      const from = content as unknown[];
      const base = (this.overlayBase ?? content) as unknown[];
      const to = shell as unknown as unknown[];
      const length = from.length;
      // Sized first: the elements then go into a store of the right size, not one regrown as they come.
      to.length = length;
      if (this.holesAsUndefined) {
        for (let i = 0; i < length; i++) to[i] = from[i];
      } else if (!elementsInherited()) {
        // Own elements only, of the overlay or the array under it (its prototype): a hole stays a
        // hole. While no other prototype holds an index, `in` tests exactly that, several times
        // faster than Object.hasOwn.
        for (let i = 0; i < length; i++) if (i in from) to[i] = from[i];
      } else {
        for (let i = 0; i < length; i++) if (Object.hasOwn(from, i) || (from !== base && Object.hasOwn(base, i))) to[i] = from[i];
      }
      if (this.root.deep && hasArrayProperties(base)) {
        const keys = Object.keys(base);
        for (let i = 0; i < keys.length; i++) if (!isIndex(keys[i]!)) copySlot(shell, keys[i]!, (base as unknown as Record<string, unknown>)[keys[i]!]);
        markArrayProperties(shell);
      }
      this.overlay = undefined;
      this.overlayBase = undefined;
    } else {
      const keys = Reflect.ownKeys(content);
      for (let i = 0; i < keys.length; i++) if (keys[i] !== HOOK && this.hidden?.has(keys[i]!) !== true) copySlot(shell, keys[i]!, (content as Record<PropertyKey, unknown>)[keys[i]!]);
    }
    this.materialized = true;
    builtinArray.push(this.root.unsharedWrites, this);
    recordMaterialization(this.root, this.shell);
  }

  /** Puts what the view shows into the target as it is, so that the proxy invariants hold on it alone. */
  private settle(): void {
    if (this.settled) return;
    this.materialize();
    const shell = this.shell as Record<PropertyKey, unknown>;
    for (const key of Object.keys(shell)) shell[key] = this.read(shell, key);
    this.own = undefined;
    Reflect.setPrototypeOf(this.shell, prototypeShown(this.shell));
    // The target is all the proxy shows from now on: the hook an array's target holds goes too, unless the program set its own.
    if (shell[HOOK] === inspectView) Reflect.deleteProperty(shell, HOOK);
    this.settled = true;
    for (const trap of SETTLED_FORWARDS) Reflect.set(this, trap, undefined);
  }

  /**
   * Makes the view the plain copy it stands for, as its root turns into one (turn-to-copy.ts):
   * `data` holds its slots as the copy has them, and the view holds them as its own content from
   * then on. Its target keeps the inspect hook (an inspection that met the view through the hook
   * must meet it so again, or a cycle through it would not close), so every trap that hides the
   * hook stays; `get` goes, since the target then answers every read as the trap would.
   */
  becomeCopy(data: object): void {
    const shell = this.shell as Record<PropertyKey, unknown>;
    if (this.kind === NodeKind.Array) (shell as unknown as unknown[]).length = (data as unknown[]).length;
    for (const key of Reflect.ownKeys(data)) if (key !== 'length' || this.kind !== NodeKind.Array) copySlot(shell, key, (data as Record<PropertyKey, unknown>)[key]);
    this.materialized = true;
    this.shared = undefined;
    this.own = undefined;
    this.slotTicks = undefined;
    this.childViews = undefined;
    this.childRaws = undefined;
    // One prototype shared by every such handler, rather than an own property on each: a program
    // that reads its copies in full turns many views, and the property would cost as much as the node.
    Reflect.setPrototypeOf(this, (readsFromTarget ??= Object.create(NodeHandler.prototype, { get: { value: undefined } }) as object));
  }

  sharedRecord(tick: number): Inherited | undefined {
    // A deep copy drops symbol keys and hidden properties, which a view's content cannot leave out.
    if (this.settled || holdsOwnSymbols(this.shell)) return undefined;
    const slotTicks = new OwnMap(this.slotTicks);
    for (const key of this.own ?? []) slotTicks.set(key, tick);
    return { shell: this.shell, kind: this.kind, tick, slotTicks: slotTicks.size > 0 ? slotTicks : undefined, defaultTick: this.defaultTick };
  }

  plainImage(seen: Map<object, unknown>): unknown {
    const content = this.current();
    const out: Record<PropertyKey, unknown> | unknown[] = this.kind === NodeKind.Array ? [] : (Object.create(prototypeShown(this.shell)) as Record<PropertyKey, unknown>);
    seen.set(this.proxy, out);
    if (Array.isArray(out)) out.length = (content as unknown[]).length;
    for (const key of Reflect.ownKeys(this.proxy)) {
      // What a copy of the view would hold: structuredClone and spread take enumerable properties only.
      if ((this.kind === NodeKind.Array && key === 'length') || !Object.prototype.propertyIsEnumerable.call(this.proxy, key)) continue;
      // Read anew at each key: a read may turn the root into a plain copy (turn-to-copy.ts), after which the content is the view's own.
      copySlot(out as Record<PropertyKey, unknown>, key, toPlain(this.read(this.current(), key), seen));
    }
    return out;
  }
}

/** An overlay's own length, which a view reads as its array's. */
function defineLength(overlay: object, length: number): void {
  Reflect.defineProperty(overlay, 'length', { __proto__: null, value: length, writable: true, enumerable: false, configurable: true } as PropertyDescriptor);
}

/**
 * Copies a slot into a view's own content, or a plain image, as a copy has it: defined, not assigned, where the
 * prototype chain has the key (a setter the program put on Object.prototype, or `__proto__`,
 * would take the assignment). Other keys are assigned, which is faster.
 */
function copySlot(shell: Record<PropertyKey, unknown>, key: PropertyKey, value: unknown): void {
  if (key in shell) defineData(shell, key, value);
  else shell[key] = value;
}

/**
 * `value` with every view in it replaced by a plain copy of what the view shows. Containers that
 * lead to no view are returned as they are; those on the way to one are copied with their
 * prototype and own enumerable properties, keeping cycles and shared subgraphs.
 */
export function toPlain(value: unknown, seen: Map<object, unknown> = new OwnMap<object, unknown>(), leads?: ReadonlySet<object>): unknown {
  if (!isObject(value) || typeof value === 'function') return value;
  const done = seen.get(value);
  if (done !== undefined) return done;
  const h = handlerOf(value);
  if (h) return h.plainImage(seen);
  const leading = leads ?? nodesLeadingToViews(value);
  if (!leading.has(value)) return value;
  if (value instanceof Map) {
    const out = new Map<unknown, unknown>();
    seen.set(value, out);
    for (const [k, v] of builtinMap.entries(value)) builtinMap.set(out, toPlain(k, seen, leading), toPlain(v, seen, leading));
    return out;
  }
  if (value instanceof Set) {
    const out = new Set<unknown>();
    seen.set(value, out);
    for (const v of builtinSet.values(value)) builtinSet.add(out, toPlain(v, seen, leading));
    return out;
  }
  const out: Record<PropertyKey, unknown> = Array.isArray(value) ? (new Array(value.length) as unknown as Record<PropertyKey, unknown>) : {};
  Object.setPrototypeOf(out, Object.getPrototypeOf(value) as object | null);
  seen.set(value, out);
  for (const key of Reflect.ownKeys(value)) {
    if (Object.prototype.propertyIsEnumerable.call(value, key)) copySlot(out, key, toPlain((value as Record<PropertyKey, unknown>)[key], seen, leading));
  }
  return out;
}

/**
 * The containers reachable from `root` from which a view can be reached: only those need a plain
 * copy. Found backwards from the views, so that a cycle through a container counts it correctly
 * whichever way the walk first entered the cycle.
 */
function nodesLeadingToViews(root: object): Set<object> {
  const parents = new OwnMap<object, object[]>();
  const views: object[] = [];
  const seen = new OwnSet<object>();
  const stack: object[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (seen.has(node)) continue;
    seen.add(node);
    if (handlerOf(node)) {
      views.push(node);
      continue;
    }
    for (const child of childObjects(node)) {
      const list = parents.get(child);
      if (list) list.push(node);
      else parents.set(child, [node]);
      stack.push(child);
    }
  }
  const leading = new OwnSet<object>(views);
  const queue = [...views];
  while (queue.length > 0) {
    for (const parent of parents.get(queue.pop()!) ?? []) {
      if (leading.has(parent)) continue;
      leading.add(parent);
      queue.push(parent);
    }
  }
  return leading;
}

/**
 * Node inspects a Proxy's target, so each target carries this hook, which Node calls with the
 * proxy as `this`: it returns the image Node then formats as it would format the copy.
 */
export function inspectView(this: object): unknown {
  const h = handlerOf(this);
  return h ? inspectionImage(this, h.members?.()) : { ...this };
}
