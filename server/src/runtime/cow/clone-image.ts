import { types } from 'node:util';
import { defineData } from '../define-data.js';
import { builtinMap, builtinSet, OwnMap, OwnSet } from '../captured-intrinsics.js';
import { isProxy } from '../is-proxy.js';
import { NodeKind } from './node-kind.js';
import { handlerOf, type ViewHandler } from './node-view.js';
import { Object, Reflect, Array } from '../captured-namespaces.js';

/*
 * What the platform's structured clone (structuredClone, postMessage) is handed in cow mode when the
 * value it clones holds a view: a Proxy makes the native clone throw. The value is walked here
 * in the order V8's serializer walks it (depth first; an object's own enumerable string keys as
 * they were when it was entered, a property a getter deleted meanwhile skipped; a Map's entries,
 * keys before values; an Error's name, message, stack, then cause), running each getter the clone
 * would run once, where it would run it, and refusing what it refuses at the point it would,
 * with the native clone's own error. The image holds no getter and no view: the native clone of
 * it runs no code of the program and makes what it would have made of the value.
 */

const nativeClone = globalThis.structuredClone;
const NativeError = Error;

/** A Map's entries or a Set's members, read with the built-ins: the native clone runs none of the program's methods. */
function entriesOf(node: object, isMap: boolean): unknown[] {
  return isMap ? [...builtinMap.entries(node)] : [...builtinSet.values(node)];
}

/** Throws what the native clone throws when it meets `value`: `value`'s refusal, raised by the clone that walks it. */
export type Refusal = (value: unknown) => never;

/** Throws what structuredClone throws when it meets `value`: its DataCloneError, worded by V8. */
function refuseAsStructuredClone(value: unknown): never {
  nativeClone(value);
  throw new TypeError(`cowlens: the platform's structuredClone accepted ${typeof value}, which a clone refuses`);
}

/** Kinds of object V8's serializer refuses without reading them (it clones plain objects, not every object). */
function refusedKind(value: object): boolean {
  return (
    value === globalThis ||
    types.isArgumentsObject(value) ||
    types.isWeakMap(value) ||
    types.isWeakSet(value) ||
    types.isPromise(value) ||
    types.isGeneratorObject(value) ||
    types.isMapIterator(value) ||
    types.isSetIterator(value) ||
    types.isModuleNamespaceObject(value) ||
    types.isSymbolObject(value)
  );
}

/** Objects the clone copies whole from internal slots, reading no property: a copy of them is the native clone's to make. */
function clonedFromSlots(value: object): boolean {
  return types.isDate(value) || types.isRegExp(value) || types.isBoxedPrimitive(value) || types.isAnyArrayBuffer(value) || ArrayBuffer.isView(value);
}

/** What the clone of a node needs: nothing of the walk, the walk, or the walk because the clone would run a getter. */
const enum Need {
  Nothing = 0,
  Walk = 1,
  Getter = 2,
}

/**
 * What the clone of `node` needs (see Need): the walk when it may meet a view, a Proxy, a function
 * or symbol, a kind the clone refuses, or run an own enumerable getter. `children` receives the
 * objects it holds that the clone would read.
 */
function needOf(node: object, children: object[]): Need {
  if (handlerOf(node) || isProxy(node) || refusedKind(node)) return Need.Walk;
  if (clonedFromSlots(node)) return Need.Nothing;
  let need = Need.Nothing;
  const isMap = types.isMap(node);
  if (isMap || types.isSet(node)) {
    for (const entry of entriesOf(node, isMap)) {
      const [k, v] = isMap ? (entry as [unknown, unknown]) : [undefined, entry];
      // Both are looked at: the children of a node the walk images are surveyed too, for getters.
      const refusedKey = holdsRefused(k, children);
      if (holdsRefused(v, children) || refusedKey) need = Need.Walk;
    }
    return need;
  }
  // An Error's own cause is cloned whether enumerable or not.
  if (types.isNativeError(node)) {
    const cause = Reflect.getOwnPropertyDescriptor(node, 'cause');
    if (cause && Object.hasOwn(cause, 'value') && holdsRefused(cause.value, children)) need = Need.Walk;
  }
  for (const key of Reflect.ownKeys(node)) {
    if (typeof key !== 'string') continue;
    const d = Reflect.getOwnPropertyDescriptor(node, key)!;
    if (!d.enumerable) continue;
    // Own `value` only: a descriptor inherits whatever the program put on Object.prototype.
    if (!Object.hasOwn(d, 'value')) {
      if (d.get !== undefined) need = Need.Getter;
    } else if (holdsRefused(d.value, children) && need === Need.Nothing) need = Need.Walk;
  }
  return need;
}

function holdsRefused(value: unknown, children: object[]): boolean {
  const type = typeof value;
  if (type === 'symbol' || type === 'function') return true;
  if (type === 'object' && value !== null) children.push(value as object);
  return false;
}

/**
 * The objects reachable from a root by what the clone reads without running code, and, of them,
 * those from which the clone reaches a node that needs the walk (see needOf). A node outside
 * `leading` is handed to the native clone as it is.
 */
class Survey {
  readonly seen = new OwnSet<object>();
  readonly leading = new OwnSet<object>();
  readonly parents = new OwnMap<object, object[]>();
  /** An own enumerable getter was found: it may change what was surveyed before it runs. */
  getters = false;

  add(root: object): void {
    const stack: object[] = [root];
    const targets: object[] = [];
    const children: object[] = [];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (this.seen.has(node)) continue;
      this.seen.add(node);
      children.length = 0;
      const need = needOf(node, children);
      if (need !== Need.Nothing) targets.push(node);
      if (need === Need.Getter) this.getters = true;
      for (const child of children) {
        const list = this.parents.get(child);
        if (list) list.push(node);
        else this.parents.set(child, [node]);
        // A node an earlier survey found leading makes this one lead too.
        if (this.leading.has(child)) targets.push(node);
        stack.push(child);
      }
    }
    while (targets.length > 0) {
      const node = targets.pop()!;
      if (this.leading.has(node)) continue;
      this.leading.add(node);
      for (const parent of this.parents.get(node) ?? []) targets.push(parent);
    }
  }
}

/**
 * `value` as the native clone may be handed it in cow mode: `value` itself when the clone would
 * meet no view, run no getter and refuse nothing (the walk that tells costs what the clone's own
 * walk costs), else its image (see above). Throws the clone's error where the clone would.
 */
export function cloneImage(value: object, refuse: Refusal = refuseAsStructuredClone): unknown {
  const survey = new Survey();
  survey.add(value);
  if (!survey.leading.has(value)) return value;
  return new ImageWalk(survey, refuse).image(value);
}

class ImageWalk {
  readonly #images = new OwnMap<object, unknown>();
  /**
   * Nodes outside the survey's `leading` set are handed over as they are only while no getter
   * of the program can have run: a getter may write into what was surveyed. Once one may, every
   * node the walk meets is imaged.
   */
  #trusted: boolean;

  constructor(
    private readonly survey: Survey,
    private readonly refuse: Refusal,
  ) {
    this.#trusted = !survey.getters;
  }

  image(value: unknown): unknown {
    const type = typeof value;
    if (type === 'symbol' || type === 'function') this.refuse(value);
    if (type !== 'object' || value === null) return value;
    const node = value as object;
    const done = this.#images.get(node);
    if (done !== undefined) return done;
    const h = handlerOf(node);
    if (h) return this.#viewImage(node, h);
    if (this.#trusted) {
      if (!this.survey.seen.has(node)) this.survey.add(node);
      if (!this.survey.leading.has(node)) {
        // Met again (a getter may hand it back), it is the same node: the clone copies it once.
        this.#images.set(node, node);
        return node;
      }
    }
    if (isProxy(node) || refusedKind(node)) this.refuse(node);
    if (clonedFromSlots(node)) return node;
    if (types.isMap(node)) return this.#collectionImage(node, true);
    if (types.isSet(node)) return this.#collectionImage(node, false);
    if (types.isNativeError(node)) return this.#errorImage(node);
    const keys = Object.keys(node);
    const proto: unknown = Object.getPrototypeOf(node);
    // An instance of a platform class (a MessagePort, a Blob) has no such key: the native clone knows what it is.
    if (keys.length === 0 && proto !== Object.prototype && proto !== null && !Array.isArray(node)) return node;
    const out: object = Array.isArray(node) ? new Array((node as unknown[]).length) : {};
    this.#images.set(node, out);
    for (const key of keys) {
      const d = Reflect.getOwnPropertyDescriptor(node, key);
      // A getter run before deleted the property: the clone skips it.
      if (d === undefined) continue;
      putSlot(out, key, this.image(Object.hasOwn(d, 'value') ? d.value : this.#get(node, d)));
    }
    return out;
  }

  #get(node: object, d: PropertyDescriptor): unknown {
    this.#trusted = false;
    // An accessor's descriptor has its own `get`, a function or undefined.
    const getter: unknown = Reflect.get(d, 'get');
    return typeof getter === 'function' ? Reflect.apply(getter, node, []) : undefined;
  }

  #collectionImage(node: Map<unknown, unknown> | Set<unknown>, isMap: boolean): unknown {
    const out = isMap ? new Map<unknown, unknown>() : new Set<unknown>();
    this.#images.set(node, out);
    for (const entry of entriesOf(node, isMap)) this.#addMember(out, isMap, entry);
    return out;
  }

  #addMember(out: Map<unknown, unknown> | Set<unknown>, isMap: boolean, entry: unknown): void {
    if (isMap) {
      const [k, v] = entry as [unknown, unknown];
      const key = this.image(k);
      builtinMap.set(out, key, this.image(v));
    } else builtinSet.add(out, this.image(entry));
  }

  /** A view is cloned as the copy it stands for, read through its own traps. */
  #viewImage(view: object, h: ViewHandler): unknown {
    if (h.kind === NodeKind.Map || h.kind === NodeKind.Set) {
      const isMap = h.kind === NodeKind.Map;
      const out = isMap ? new Map<unknown, unknown>() : new Set<unknown>();
      this.#images.set(view, out);
      for (const [k, v] of h.members!().entries) this.#addMember(out, isMap, isMap ? [k, v] : v);
      return out;
    }
    if (h.kind !== NodeKind.Object && h.kind !== NodeKind.Array) return h.plainImage(new Map());
    const isArray = h.kind === NodeKind.Array;
    const out: object = isArray ? new Array((view as unknown[]).length) : {};
    this.#images.set(view, out);
    for (const key of Reflect.ownKeys(view)) {
      if (typeof key !== 'string' || (isArray && key === 'length')) continue;
      const d = Reflect.getOwnPropertyDescriptor(view, key);
      if (d?.enumerable !== true) continue;
      putSlot(out, key, this.image(Object.hasOwn(d, 'value') ? d.value : this.#get(view, d)));
    }
    return out;
  }

  /**
   * An Error is cloned by V8 from its name (looked up the prototype chain, as text), its own
   * message (a data property, as text), its stack (if text) and its own cause (a data property):
   * the image is an Error holding those as its own data, in that order of reading.
   */
  #errorImage(error: Error): unknown {
    const message = Reflect.getOwnPropertyDescriptor(error, 'message');
    const cause = Reflect.getOwnPropertyDescriptor(error, 'cause');
    this.#trusted = false;
    const name = asText(Reflect.get(error, 'name'));
    const text = message && Object.hasOwn(message, 'value') ? asText(message.value) : undefined;
    const stack: unknown = Reflect.get(error, 'stack');
    const out = new NativeError();
    this.#images.set(error, out);
    defineOwn(out, 'name', name);
    if (text !== undefined) defineOwn(out, 'message', text);
    defineOwn(out, 'stack', typeof stack === 'string' ? stack : undefined);
    if (cause && Object.hasOwn(cause, 'value')) defineOwn(out, 'cause', this.image(cause.value));
    return out;
  }
}

/**
 * Gives the image its slot as the clone would: defined where the prototype chain has the key (a
 * setter the program put on Object.prototype, or `__proto__`, would take an assignment), assigned
 * elsewhere, which is faster.
 */
function putSlot(out: object, key: string, value: unknown): void {
  if (key in out) defineData(out, key, value);
  else (out as Record<string, unknown>)[key] = value;
}

/** ToString, as V8's serializer applies it: an object's toString runs, a symbol throws the TypeError V8 throws. */
function asText(value: unknown): string {
  return `${value as number}`;
}

function defineOwn(o: object, key: string, value: unknown): void {
  Reflect.defineProperty(o, key, { __proto__: null, value, writable: true, enumerable: false, configurable: true } as PropertyDescriptor);
}
