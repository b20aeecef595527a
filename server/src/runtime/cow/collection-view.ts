import { inspect } from 'node:util';
import { NodeKind } from './node-kind.js';
import { handlerOf, inspectView, isAnotherCopysValue, isUserValue, presentSlot, registerView, setCollectionViewFactory, shellPrototype, toPlain, type ViewHandler } from './node-view.js';
import type { Members } from './inspection-image.js';
import { Cursor, liveIterator } from './live-iterator.js';
import { refuse } from './refusal.js';
import type { Inherited, Root } from './root.js';
import { beforeOwnWrite, recordMaterialization, SharedContent } from './shared-content.js';
import { ownFields } from './own-fields.js';
import { isObject } from '../is-object.js';
import { builtinArray, builtinMap, builtinSet, OwnMap, OwnSet } from '../captured-intrinsics.js';
import { Object, Reflect, Math, Array } from '../captured-namespaces.js';

type Collection = Map<unknown, unknown> | Set<unknown>;

/**
 * Views of Maps and Sets. Their methods need a real Map or Set as receiver, so the view hands out
 * its own methods, which run the real ones on the content: the shared collection until the first
 * write, then the proxy's target, which that write fills (a Map is copied whole: it is one node).
 * Keys are never views (a deep copy with object keys is made eagerly), values are.
 */
class CollectionHandler implements ProxyHandler<Collection>, ViewHandler {
  readonly proxy: object;
  readonly shell: Collection;
  materialized = false;
  private readonly shared: SharedContent;

  constructor(
    readonly root: Root,
    readonly kind: NodeKind,
    readonly node: object,
    readonly tick: number,
    private readonly inherited: Inherited | undefined,
  ) {
    this.shell = kind === NodeKind.Map ? new Map() : new Set();
    this.proto = kind === NodeKind.Map ? Map.prototype : Set.prototype;
    Object.setPrototypeOf(this.shell, shellPrototype(kind === NodeKind.Map ? Map.prototype : Set.prototype));
    this.shared = new SharedContent(root, node, tick, inherited);
    this.proxy = new Proxy(this.shell, this);
    registerView(this);
  }

  current(): Collection {
    return this.materialized ? this.shell : (this.shared.get() as Collection);
  }

  /** The number of entries the view shows. */
  count(): number {
    return this.kind === NodeKind.Map ? builtinMap.size(this.current()) : builtinSet.size(this.current());
  }

  /** Whether the view has the key (a Map's) or the member (a Set's). */
  holds(key: unknown): boolean {
    return this.kind === NodeKind.Map ? builtinMap.has(this.current(), key) : builtinSet.has(this.current(), key);
  }

  slotTick(): number {
    return this.inherited ? this.inherited.defaultTick : this.tick;
  }

  ownSlots(): undefined {
    return undefined;
  }

  holdsPrivately(): boolean {
    return this.materialized;
  }

  /** Map and Set views copy their whole table at their first write: nothing to flush. */
  flushOverlay(): void {
    return undefined;
  }

  plainElements(): undefined {
    return undefined;
  }

  holdsOnlyPlainData(): boolean {
    return Reflect.isExtensible(this.shell) && Reflect.ownKeys(this.shell).length === 0;
  }

  sharedRecord(tick: number): Inherited | undefined {
    if (this.userKeys && this.userKeys.size > 0) return undefined;
    return { shell: this.shell, kind: this.kind, tick, slotTicks: undefined, defaultTick: this.slotTick() };
  }

  /** Values are presented like object slots; what the user put into a private Map stays as it is. */
  present(key: unknown, value: unknown): unknown {
    if (this.materialized && this.userKeys?.has(key) === true) return value;
    return presentSlot(this.root, this, '', value);
  }

  /** The live iterators made before the view had content of its own (see live-iterator.ts). */
  private cursors: WeakRef<Cursor>[] | undefined;
  private prunedAt = 16;

  follow(cursor: Cursor): void {
    const cursors = (this.cursors ??= []);
    cursors.push(new WeakRef(cursor));
    // Iterators a program drops unfinished (a `break`) must not pile up on a view that is never written.
    if (cursors.length >= this.prunedAt) {
      this.cursors = cursors.filter((ref) => ref.deref() !== undefined);
      this.prunedAt = Math.max(16, 2 * this.cursors.length);
    }
  }

  /** Keys of a private Map whose values the user put there: they are the user's, never views. */
  private userKeys: Set<unknown> | undefined;

  markSlot(key: unknown, value: unknown): void {
    if (!this.root.deep) return;
    if (isUserValue(this.root, value)) (this.userKeys ??= new OwnSet()).add(key);
    else this.userKeys?.delete(key);
    if (isAnotherCopysValue(this.root, value)) this.root.holdsForeignViews = true;
  }

  forgetSlots(): void {
    this.userKeys = undefined;
  }

  materialize(): void {
    if (this.materialized) {
      beforeOwnWrite(this.root, this.shell);
      return;
    }
    const content = this.current();
    if (this.kind === NodeKind.Map) builtinMap.forEach(content as Map<unknown, unknown>, (v, k) => builtinMap.set(this.shell, k, v));
    else builtinSet.forEach(content, (v) => builtinSet.add(this.shell, v));
    this.materialized = true;
    // Iterators under way go on in the copy, before the write that made it sees them.
    const cursors = this.cursors;
    for (let i = 0; cursors !== undefined && i < cursors.length; i++) cursors[i]!.deref()?.moveTo(this.shell);
    this.cursors = undefined;
    builtinArray.push(this.root.unsharedWrites, this);
    recordMaterialization(this.root, this.shell);
  }

  get(target: Collection, key: PropertyKey, receiver: unknown): unknown {
    if (key === inspect.custom) return inspectView;
    const standard = this.proto === (this.kind === NodeKind.Map ? Map.prototype : Set.prototype);
    if (!standard) {
      if (Object.hasOwn(target, key)) return Reflect.get(target, key, receiver);
      return this.proto === null ? undefined : Reflect.get(this.proto, key, receiver);
    }
    if (key === 'size') return this.count();
    const method = (this.kind === NodeKind.Map ? MAP_METHODS : SET_METHODS).get(key);
    if (method) return method;
    return Reflect.get(target, key, receiver);
  }

  /** The prototype the copy has: a Map's or a Set's, until the program sets another. */
  private proto: object | null;

  getPrototypeOf(target: Collection): object | null {
    return Reflect.isExtensible(target) ? this.proto : Reflect.getPrototypeOf(target);
  }

  setPrototypeOf(target: Collection, proto: object | null): boolean {
    if (!Reflect.isExtensible(target)) return Reflect.setPrototypeOf(target, proto) || refuse(this, 'setPrototypeOf', () => Object.setPrototypeOf(target, proto));
    this.proto = proto;
    return true;
  }

  /** Properties of a Map or Set live on the target: a write it refuses fails as on a plain one. */
  set(target: Collection, key: PropertyKey, value: unknown, receiver: unknown): boolean {
    if (Reflect.set(target, key, value, receiver)) return true;
    return receiver === this.proxy && refuse(this, 'set', () => {
      this.onRealPrototype(target, () => ((target as unknown as Record<PropertyKey, unknown>)[key] = value));
    });
  }

  /** Runs `f` with the target on the prototype the view reports, which V8's messages name. */
  private onRealPrototype(target: Collection, f: () => unknown): void {
    const shellProto = Reflect.getPrototypeOf(target);
    Reflect.setPrototypeOf(target, this.proto);
    try {
      f();
    } finally {
      Reflect.setPrototypeOf(target, shellProto);
    }
  }

  deleteProperty(target: Collection, key: PropertyKey): boolean {
    // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- the operation whose plain failure the program gets
    return Reflect.deleteProperty(target, key) || refuse(this, 'deleteProperty', () => delete (target as unknown as Record<PropertyKey, unknown>)[key]);
  }

  defineProperty(target: Collection, key: PropertyKey, descriptor: PropertyDescriptor): boolean {
    const given = ownFields(descriptor);
    return Reflect.defineProperty(target, key, given) || refuse(this, 'defineProperty', () => Object.defineProperty(target, key, given));
  }

  /** Freezing settles the view: its target takes the content and the real prototype, as invariants demand. */
  preventExtensions(target: Collection): boolean {
    this.materialize();
    Reflect.setPrototypeOf(target, this.proto);
    return Reflect.preventExtensions(target);
  }

  has(target: Collection, key: PropertyKey): boolean {
    if (key === inspect.custom) return false;
    if (Object.hasOwn(target, key)) return true;
    const proto = this.getPrototypeOf(target);
    return proto !== null && Reflect.has(proto, key);
  }

  ownKeys(target: Collection): (string | symbol)[] {
    return Reflect.ownKeys(target).filter((k) => k !== inspect.custom);
  }

  getOwnPropertyDescriptor(target: Collection, key: PropertyKey): PropertyDescriptor | undefined {
    return key === inspect.custom ? undefined : Reflect.getOwnPropertyDescriptor(target, key);
  }

  members(): Members {
    const content = this.current();
    const isMap = this.kind === NodeKind.Map;
    const entries = isMap ? builtinMap.entries(content) : builtinSet.entries(content);
    return { isMap, entries: Array.from(entries, ([k, v]) => [k, this.present(k, v)] as [unknown, unknown]) };
  }

  plainImage(seen: Map<object, unknown>): unknown {
    const content = this.current();
    if (this.kind === NodeKind.Map) {
      const out = new Map<unknown, unknown>();
      seen.set(this.proxy, out);
      for (const [k, v] of builtinMap.entries(content)) builtinMap.set(out, k, toPlain(this.present(k, v), seen));
      return out;
    }
    const out = new Set<unknown>();
    seen.set(this.proxy, out);
    for (const v of builtinSet.values(content)) builtinSet.add(out, toPlain(this.present(v, v), seen));
    return out;
  }
}

/**
 * The view's own method that stands for the built-in `builtin` of Map or Set, when `receiver` is a
 * Map's or a Set's view: the built-in itself needs the real collection's internal slots, which a
 * Proxy lacks (`Map.prototype.set.call(view, k, v)` would throw where a copy takes the entry).
 */
export function viewMethodFor(receiver: unknown, builtin: (...args: unknown[]) => unknown): ((...args: unknown[]) => unknown) | undefined {
  const stands = viewMethodsByBuiltin().get(builtin);
  if (stands === undefined) return undefined;
  const h = handlerOf(receiver);
  return h instanceof CollectionHandler && h.kind === stands.kind ? stands.method : undefined;
}

let byBuiltin: Map<unknown, { readonly kind: NodeKind; readonly method: (...args: unknown[]) => unknown }> | undefined;

/** The view's methods by the built-ins they stand for, as Map's and Set's prototypes held them when cowlens loaded. */
function viewMethodsByBuiltin(): NonNullable<typeof byBuiltin> {
  if (byBuiltin !== undefined) return byBuiltin;
  byBuiltin = new OwnMap();
  for (const [kind, proto, methods] of [
    [NodeKind.Map, Map.prototype, MAP_METHODS],
    [NodeKind.Set, Set.prototype, SET_METHODS],
  ] as const) {
    for (const [name, method] of methods) byBuiltin.set(builtins.get(proto)?.get(name), { kind, method: method as (...args: unknown[]) => unknown });
    byBuiltin.set(builtins.get(proto)?.get('size'), { kind, method: sizeOfView });
  }
  byBuiltin.delete(undefined);
  return byBuiltin;
}

/** Map's and Set's own methods, and their `size` getters, when this module loaded, before the program could replace any. */
const builtins = new OwnMap<object, Map<PropertyKey, unknown>>(
  [Map.prototype, Set.prototype].map((proto) => [
    proto,
    new OwnMap(
      Reflect.ownKeys(proto).map((key) => {
        const descriptor = Reflect.getOwnPropertyDescriptor(proto, key);
        return [key, descriptor?.value ?? descriptor?.get];
      }),
    ),
  ]),
);

/** The `size` getter as a view runs it, for the built-in's called on a view. */
// eslint-disable-next-line @typescript-eslint/unbound-method -- a method, as the built-in getter is: no `prototype`, not a constructor
const { size: sizeOfView } = {
  size(this: unknown): number {
    return self(this).count();
  },
};

function self(receiver: unknown): CollectionHandler {
  const h = handlerOf(receiver);
  if (!(h instanceof CollectionHandler)) throw new TypeError('Method called on incompatible receiver ' + String(receiver));
  return h;
}

/** `forEach` over a view: live, as the built-in's, which raises its own error for a callback that is not a function. */
function forEachLive(receiver: unknown, callback: (v: unknown, k: unknown, c: unknown) => void, thisArg: unknown): void {
  const h = self(receiver);
  if (typeof callback !== 'function') (h.kind === NodeKind.Map ? new OwnMap() : new OwnSet()).forEach(callback);
  const cursor = new Cursor(h, 'entries', h.kind === NodeKind.Map);
  for (let entry = cursor.nextEntry(); entry !== undefined; entry = cursor.nextEntry()) callback.call(thisArg, entry[1], entry[0], receiver);
}

const MAP_METHODS = new OwnMap<PropertyKey, unknown>(
  Object.entries({
    get(this: unknown, key: unknown) {
      const h = self(this);
      const content = h.current();
      return builtinMap.has(content, key) ? h.present(key, builtinMap.get(content, key)) : undefined;
    },
    has(this: unknown, key: unknown) {
      return self(this).holds(key);
    },
    set(this: unknown, key: unknown, value: unknown) {
      const h = self(this);
      // Setting a key to the value it holds changes nothing. An object a deep copy holds reads back
      // as a view of it, which presenting it here could make: such a set counts as a write.
      const content = h.current();
      const held = builtinMap.get(content, key);
      if (builtinMap.has(content, key) && (!h.root.deep || !isObject(held)) && Object.is(held, value)) return this;
      h.materialize();
      builtinMap.set(h.shell, key, value);
      h.markSlot(key, value);
      return this;
    },
    delete(this: unknown, key: unknown) {
      const h = self(this);
      if (!h.holds(key)) return false;
      h.materialize();
      h.markSlot(key, undefined);
      return builtinMap.delete(h.shell, key);
    },
    clear(this: unknown) {
      const h = self(this);
      if (h.count() === 0) return;
      h.materialize();
      h.forgetSlots();
      builtinMap.clear(h.shell);
    },
    forEach(this: unknown, callback: (v: unknown, k: unknown, m: unknown) => void, thisArg?: unknown) {
      forEachLive(this, callback, thisArg);
    },
    entries(this: unknown) {
      return liveIterator(self(this), 'entries', true);
    },
    keys(this: unknown) {
      return liveIterator(self(this), 'keys', true);
    },
    values(this: unknown) {
      return liveIterator(self(this), 'values', true);
    },
  }),
);
MAP_METHODS.set(Symbol.iterator, MAP_METHODS.get('entries'));

const SET_METHODS = new OwnMap<PropertyKey, unknown>(
  Object.entries({
    has(this: unknown, value: unknown) {
      return self(this).holds(value);
    },
    add(this: unknown, value: unknown) {
      const h = self(this);
      if (h.holds(value)) return this;
      h.materialize();
      builtinSet.add(h.shell, value);
      h.markSlot(value, value);
      return this;
    },
    delete(this: unknown, value: unknown) {
      const h = self(this);
      if (!h.holds(value)) return false;
      h.materialize();
      return builtinSet.delete(h.shell, value);
    },
    clear(this: unknown) {
      const h = self(this);
      if (h.count() === 0) return;
      h.materialize();
      builtinSet.clear(h.shell);
    },
    forEach(this: unknown, callback: (v: unknown, k: unknown, s: unknown) => void, thisArg?: unknown) {
      forEachLive(this, callback, thisArg);
    },
    values(this: unknown) {
      return liveIterator(self(this), 'values', false);
    },
    entries(this: unknown) {
      return liveIterator(self(this), 'entries', false);
    },
  }),
);
SET_METHODS.set('keys', SET_METHODS.get('values'));
SET_METHODS.set(Symbol.iterator, SET_METHODS.get('values'));

setCollectionViewFactory((root, kind, node, tick, inherited) => {
  const h = new CollectionHandler(root, kind, node, tick, inherited);
  return h.proxy;
});
