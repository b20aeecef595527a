/**
 * What util.inspect is handed in place of values that reach a view, when it would show a view as
 * the Proxy it is (`showProxy`, which `%o` sets) or format a view's bare target (`customInspect:
 * false`, which `console.dir` sets). No hook on the target can help then: Node tells a Proxy apart
 * before any hook runs. So the value is swapped for its display twin: each view becomes an object
 * of its prototype holding its own properties (their attributes, an array's length and holes, a
 * Map's or Set's entries), each plain object, array, Map or Set on the way to a view becomes a twin
 * of the same shape, and everything else is handed over as it is. One twin per object, so shared
 * objects and cycles come out as Node numbers them for the plain copy (`<ref *1>`, `[Circular *1]`).
 *
 * Only what Node would print is searched: down to the inspection's depth, and the views one level
 * below it, which Node prints as `[Object]` or `[]`. Nothing the program wrote runs: own properties
 * are read as descriptors (a getter is copied, not called), the program's own Proxies are neither
 * searched nor copied (Node shows them as such), nor are objects whose printing Node leaves to a
 * hook of theirs or to internal slots a twin would not have.
 */
import { types } from 'node:util';
import { isProxy } from '../is-proxy.js';
import { handlerOf, type ViewHandler } from './node-view.js';

// Taken at load: the program may replace any of them later, and plain inspection would not run its versions.
const { apply, defineProperty, getOwnPropertyDescriptor, getPrototypeOf, ownKeys, setPrototypeOf } = Reflect;
const { isArray } = Array;
const MapClass = Map;
const SetClass = Set;
/* eslint-disable @typescript-eslint/unbound-method -- called with Reflect.apply on the receivers they are meant for */
const mapEntries = Map.prototype.entries;
const mapSet = Map.prototype.set;
const setValues = Set.prototype.values;
const setAdd = Set.prototype.add;
const nextOfMap = (getPrototypeOf(new Map().entries()) as Iterator<unknown>).next;
const nextOfSet = (getPrototypeOf(new Set().values()) as Iterator<unknown>).next;
/* eslint-enable @typescript-eslint/unbound-method */
const { hasOwn } = Object;
const CUSTOM = Symbol.for('nodejs.util.inspect.custom');
const {
  isAnyArrayBuffer,
  isArgumentsObject,
  isArrayBufferView,
  isBoxedPrimitive,
  isDate,
  isExternal,
  isGeneratorObject,
  isMap,
  isMapIterator,
  isModuleNamespaceObject,
  isNativeError,
  isPromise,
  isRegExp,
  isSet,
  isSetIterator,
  isWeakMap,
  isWeakSet,
} = types;

/** `values`, with each one that reaches a view within its depth (Infinity for none) swapped for its twin; undefined when none does. */
export function displayTwins(values: readonly unknown[], depths: readonly (number | undefined)[]): unknown[] | undefined {
  const search = new Search();
  for (let i = 0; i < values.length; i++) {
    const depth = depths[i];
    if (depth !== undefined) search.from(values[i], depth);
  }
  if (search.views.length === 0) return undefined;
  const twins = search.twins();
  const shown: unknown[] = [];
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    shown[i] = depths[i] !== undefined && isObject(value) ? (twins.get(value) ?? value) : value;
  }
  return shown;
}

/** What an object holds that Node prints, for a twin to hold in turn. */
interface Holding {
  /** Own property keys, with their descriptors. */
  readonly keys: readonly PropertyKey[];
  /** A Map's or a Set's entries ([value, value] for a Set). */
  readonly entries: readonly (readonly [unknown, unknown])[] | undefined;
  readonly isMap: boolean;
}

class Search {
  readonly views: object[] = [];
  /** The most levels below each object met that Node prints. */
  private readonly budgets = new Map<object, number>();
  /** Each searched object's children, by the objects that hold them. */
  private readonly parents = new Map<object, object[]>();
  private readonly holdings = new Map<object, Holding>();

  from(root: unknown, depth: number): void {
    if (!isObject(root)) return;
    // Pairs of an object and its budget, popped by hand: nothing here goes through Array.prototype.
    const stack: unknown[] = [root, depth];
    while (stack.length > 0) {
      const budget = stack[stack.length - 1] as number;
      const node = stack[stack.length - 2] as object;
      stack.length -= 2;
      const known = this.budgets.get(node);
      if (known !== undefined && known >= budget) continue;
      this.budgets.set(node, budget);
      const h = handlerOf(node);
      if (known === undefined && h !== undefined) this.views[this.views.length] = node;
      if (budget < 0 || (h === undefined && !isTwinnable(node))) continue;
      const children = this.children(node, h);
      for (let i = 0; i < children.length; i++) {
        stack[stack.length] = children[i];
        stack[stack.length] = budget - 1;
      }
    }
  }

  /** The objects `node` holds (own property values, entries), read once. */
  private children(node: object, h: ViewHandler | undefined): object[] {
    const known = this.holdings.get(node);
    const holding = known ?? holdingOf(node, h);
    const children: object[] = [];
    for (let i = 0; i < holding.keys.length; i++) {
      const descriptor = getOwnPropertyDescriptor(node, holding.keys[i]!);
      if (descriptor !== undefined && hasOwn(descriptor, 'value') && isObject(descriptor.value)) children[children.length] = descriptor.value;
    }
    const entries = holding.entries ?? [];
    for (let i = 0; i < entries.length; i++) {
      const entry = entries[i]!;
      if (isObject(entry[0])) children[children.length] = entry[0];
      if (holding.isMap && isObject(entry[1])) children[children.length] = entry[1];
    }
    if (known === undefined) {
      this.holdings.set(node, holding);
      for (let i = 0; i < children.length; i++) {
        const list = this.parents.get(children[i]!);
        if (list === undefined) this.parents.set(children[i]!, [node]);
        else list[list.length] = node;
      }
    }
    return children;
  }

  /** A twin for each view and each object searched that holds a view, made before any is filled so that cycles close. */
  twins(): Map<object, object> {
    const twins = new Map<object, object>();
    // Every object given a twin, in order; those from `next` on still to have their holders found.
    const made: object[] = [];
    for (let i = 0; i < this.views.length; i++) {
      const view = this.views[i]!;
      twins.set(view, emptyTwin(view, this.holding(view)));
      made[made.length] = view;
    }
    for (let next = 0; next < made.length; next++) {
      const parents = this.parents.get(made[next]!) ?? [];
      for (let i = 0; i < parents.length; i++) {
        const parent = parents[i]!;
        if (twins.has(parent)) continue;
        twins.set(parent, emptyTwin(parent, this.holding(parent)));
        made[made.length] = parent;
      }
    }
    const twinOf = (value: unknown): unknown => (isObject(value) ? (twins.get(value) ?? value) : value);
    for (let i = 0; i < made.length; i++) fill(twins.get(made[i]!)!, made[i]!, this.holding(made[i]!), twinOf);
    return twins;
  }

  /** What `node` holds: read when it was searched, or now for a view met one level below the depth printed. */
  private holding(node: object): Holding {
    let holding = this.holdings.get(node);
    if (holding === undefined) this.holdings.set(node, (holding = holdingOf(node, handlerOf(node))));
    return holding;
  }
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

/**
 * Whether Node prints `node` from its prototype, own properties and (for a Map or Set) entries
 * alone, all of which a twin copies: not a Proxy of the program's, nor an object of internal slots
 * Node reads (a Date, an Error, a typed array...), nor one with an inspect hook of its own (found
 * without running a getter or a trap: a chain through a Proxy counts as having one).
 */
function isTwinnable(node: object): boolean {
  if (isProxy(node)) return false;
  if (
    isAnyArrayBuffer(node) ||
    isArgumentsObject(node) ||
    isArrayBufferView(node) ||
    isBoxedPrimitive(node) ||
    isDate(node) ||
    isExternal(node) ||
    isGeneratorObject(node) ||
    isMapIterator(node) ||
    isModuleNamespaceObject(node) ||
    isNativeError(node) ||
    isPromise(node) ||
    isRegExp(node) ||
    isSetIterator(node) ||
    isWeakMap(node) ||
    isWeakSet(node)
  ) {
    return false;
  }
  for (let o: object | null = node; o !== null; o = getPrototypeOf(o)) {
    if (isProxy(o) || getOwnPropertyDescriptor(o, CUSTOM) !== undefined) return false;
  }
  return true;
}

function holdingOf(node: object, h: ViewHandler | undefined): Holding {
  const keys = ownKeys(node);
  if (h !== undefined) {
    const members = h.members?.();
    if (members === undefined) return { keys, entries: undefined, isMap: false };
    const entries: (readonly [unknown, unknown])[] = [];
    for (const entry of members.entries) entries[entries.length] = entry;
    return { keys, entries, isMap: members.isMap };
  }
  if (isMap(node)) return { keys, entries: stepsOf(apply(mapEntries, node, []) as Iterator<[unknown, unknown]>, nextOfMap), isMap: true };
  if (isSet(node)) {
    const values = stepsOf(apply(setValues, node, []) as Iterator<unknown>, nextOfSet);
    const entries: [unknown, unknown][] = [];
    for (let i = 0; i < values.length; i++) entries[i] = [values[i], values[i]];
    return { keys, entries, isMap: false };
  }
  return { keys, entries: undefined, isMap: false };
}

/** What `iterator` yields, stepped with the built-in `next` the program cannot have replaced. */
function stepsOf<T>(iterator: Iterator<T>, next: () => IteratorResult<unknown>): T[] {
  const out: T[] = [];
  for (let step = apply(next, iterator, []) as IteratorResult<T>; step.done !== true; step = apply(next, iterator, []) as IteratorResult<T>) {
    out[out.length] = step.value;
  }
  return out;
}

function emptyTwin(node: object, holding: Holding): object {
  const twin = holding.entries !== undefined ? (holding.isMap ? new MapClass() : new SetClass()) : isArray(node) ? [] : {};
  setPrototypeOf(twin, getPrototypeOf(node));
  return twin;
}

function fill(twin: object, node: object, holding: Holding, twinOf: (value: unknown) => unknown): void {
  const entries = holding.entries ?? [];
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!;
    if (holding.isMap) apply(mapSet, twin, [twinOf(entry[0]), twinOf(entry[1])]);
    else apply(setAdd, twin, [twinOf(entry[0])]);
  }
  const array = isArray(twin);
  for (let i = 0; i < holding.keys.length; i++) {
    const key = holding.keys[i]!;
    const descriptor = getOwnPropertyDescriptor(node, key);
    if (descriptor === undefined) continue;
    if (array && key === 'length') {
      (twin as unknown[]).length = descriptor.value as number;
      continue;
    }
    // No prototype: a field the program put on Object.prototype must not read as part of it.
    const own = hasOwn(descriptor, 'value')
      ? { __proto__: null, value: twinOf(descriptor.value), writable: descriptor.writable, enumerable: descriptor.enumerable, configurable: true }
      : { __proto__: null, get: descriptor.get, set: descriptor.set, enumerable: descriptor.enumerable, configurable: true };
    defineProperty(twin, key, own as PropertyDescriptor);
  }
}
