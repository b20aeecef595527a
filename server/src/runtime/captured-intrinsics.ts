/**
 * Map, Set, WeakMap and WeakSet as they were when cowlens loaded, before any code of the program
 * ran. A program may replace their methods (a test's spy, a polyfill, a logger that ends in
 * `saved.call(this, k, v)`); the runtime keeps its own records in such collections and reads and
 * writes the program's, and running the program's replacement there would run it more often than
 * the program does, and from inside the runtime, which the replacement may call again without end.
 *
 * The runtime's own records are `OwnMap`, `OwnSet`, `OwnWeakMap` and `OwnWeakSet`: real
 * collections whose prototype holds the built-in methods as its own properties, so that they are
 * called as fast as a Map's. A collection the runtime did not make, or hands the program (a view's
 * content, a copy it shows), keeps its prototype and is reached through `builtinMap` and
 * `builtinSet`, the built-ins called with the receiver first.
 */

import { Reflect } from './captured-namespaces.js';

type AnyMap = Map<unknown, unknown>;
type AnySet = Set<unknown>;

/** Gives `own` the built-in methods and accessors of `builtin`, as its own properties, as they are now. */
function holdBuiltins(own: object, builtin: object): void {
  for (const key of Reflect.ownKeys(builtin)) {
    if (key !== 'constructor') Reflect.defineProperty(own, key, Reflect.getOwnPropertyDescriptor(builtin, key)!);
  }
}

/**
 * The constructors fill the collection themselves: a class's own constructor would pass its
 * arguments on by spreading them, and Map's constructor reads an array of entries, both through
 * `Array.prototype[Symbol.iterator]`, which the program may replace.
 */
export class OwnMap<K, V> extends Map<K, V> {
  constructor(entries?: ReadonlyMap<K, V> | readonly (readonly [K, V])[] | null) {
    super();
    if (entries === undefined || entries === null) return;
    if (isArray(entries)) for (let i = 0; i < entries.length; i++) this.set(entries[i]![0], entries[i]![1]);
    else mapForEach(entries, (value: V, key: K) => this.set(key, value));
  }
}
export class OwnSet<T> extends Set<T> {
  constructor(values?: ReadonlySet<T> | readonly T[] | null) {
    super();
    if (values === undefined || values === null) return;
    if (isArray(values)) for (let i = 0; i < values.length; i++) this.add(values[i]!);
    else setForEach(values, (value: T) => this.add(value));
  }
}
export class OwnWeakMap<K extends WeakKey, V> extends WeakMap<K, V> {
  // eslint-disable-next-line @typescript-eslint/no-useless-constructor -- the implicit one spreads its arguments
  constructor() {
    super();
  }
}
export class OwnWeakSet<T extends WeakKey> extends WeakSet<T> {
  // eslint-disable-next-line @typescript-eslint/no-useless-constructor -- the implicit one spreads its arguments
  constructor() {
    super();
  }
}

holdBuiltins(OwnMap.prototype, Map.prototype);
holdBuiltins(OwnSet.prototype, Set.prototype);
holdBuiltins(OwnWeakMap.prototype, WeakMap.prototype);
holdBuiltins(OwnWeakSet.prototype, WeakSet.prototype);

/** The built-in `proto` holds at `key`: a method, or the getter of an accessor (`size`). */
function loaded(proto: object, key: PropertyKey): unknown {
  const descriptor = Reflect.getOwnPropertyDescriptor(proto, key);
  return descriptor?.value ?? descriptor?.get;
}

const MAP = Map.prototype as unknown as Record<PropertyKey, unknown>;
const SET = Set.prototype as unknown as Record<PropertyKey, unknown>;
const MAP_METHODS = { get: loaded(MAP, 'get'), has: loaded(MAP, 'has'), set: loaded(MAP, 'set'), delete: loaded(MAP, 'delete'), clear: loaded(MAP, 'clear'), forEach: loaded(MAP, 'forEach'), entries: loaded(MAP, 'entries'), keys: loaded(MAP, 'keys'), values: loaded(MAP, 'values'), iterator: loaded(MAP, Symbol.iterator), size: loaded(MAP, 'size') };
const SET_METHODS = { has: loaded(SET, 'has'), add: loaded(SET, 'add'), delete: loaded(SET, 'delete'), clear: loaded(SET, 'clear'), forEach: loaded(SET, 'forEach'), entries: loaded(SET, 'entries'), keys: loaded(SET, 'keys'), values: loaded(SET, 'values'), iterator: loaded(SET, Symbol.iterator), size: loaded(SET, 'size') };

// eslint-disable-next-line @typescript-eslint/unbound-method -- taken to be bound to the built-ins below, as Node's primordials are
const { bind, call } = Function.prototype;

const isArray = Array.isArray as (value: unknown) => value is readonly unknown[];
const mapForEach = uncurry(MAP_METHODS.forEach) as <K, V>(map: ReadonlyMap<K, V>, each: (value: V, key: K) => unknown) => undefined;
const setForEach = uncurry(SET_METHODS.forEach) as <T>(set: ReadonlySet<T>, each: (value: T) => unknown) => undefined;

/** A method called with its receiver first. */
type Uncurried<A extends unknown[], R> = (receiver: unknown, ...args: A) => R;

/** `fn` called with its receiver first (`call` bound to it): `Reflect.apply` would make an array at each call. */
function uncurry(fn: unknown): unknown {
  return Reflect.apply(bind, call, [fn]);
}

/** Map's built-ins, called on a Map the runtime did not make: `builtinMap.get(m, k)`. */
export const builtinMap = {
  get: uncurry(MAP_METHODS.get) as Uncurried<[unknown], unknown>,
  has: uncurry(MAP_METHODS.has) as Uncurried<[unknown], boolean>,
  set: uncurry(MAP_METHODS.set) as Uncurried<[unknown, unknown], AnyMap>,
  delete: uncurry(MAP_METHODS.delete) as Uncurried<[unknown], boolean>,
  clear: uncurry(MAP_METHODS.clear) as Uncurried<[], undefined>,
  size: uncurry(MAP_METHODS.size) as Uncurried<[], number>,
  entries: uncurry(MAP_METHODS.entries) as Uncurried<[], MapIterator<[unknown, unknown]>>,
  keys: uncurry(MAP_METHODS.keys) as Uncurried<[], MapIterator<unknown>>,
  values: uncurry(MAP_METHODS.values) as Uncurried<[], MapIterator<unknown>>,
  forEach: mapForEach,
} as const;

/** Set's built-ins, called on a Set the runtime did not make: `builtinSet.has(s, v)`. */
export const builtinSet = {
  has: uncurry(SET_METHODS.has) as Uncurried<[unknown], boolean>,
  add: uncurry(SET_METHODS.add) as Uncurried<[unknown], AnySet>,
  delete: uncurry(SET_METHODS.delete) as Uncurried<[unknown], boolean>,
  clear: uncurry(SET_METHODS.clear) as Uncurried<[], undefined>,
  size: uncurry(SET_METHODS.size) as Uncurried<[], number>,
  entries: uncurry(SET_METHODS.entries) as Uncurried<[], SetIterator<[unknown, unknown]>>,
  values: uncurry(SET_METHODS.values) as Uncurried<[], SetIterator<unknown>>,
  forEach: setForEach,
} as const;

const ARRAY = Array.prototype as unknown as Record<PropertyKey, unknown>;

/**
 * Array's built-ins, called on the runtime's own arrays: `builtinArray.push(list, x)`. A program
 * may spy on `Array.prototype.push`; the runtime's records are arrays too.
 */
export const builtinArray = {
  push: uncurry(ARRAY.push) as <T>(array: T[], ...items: T[]) => number,
  pop: uncurry(ARRAY.pop) as <T>(array: T[]) => T | undefined,
  splice: uncurry(ARRAY.splice) as <T>(array: T[], start: number, deleteCount?: number) => T[],
  filter: uncurry(ARRAY.filter) as <T>(array: readonly T[], keep: (value: T, index: number) => unknown) => T[],
  some: uncurry(ARRAY.some) as <T>(array: readonly T[], match: (value: T, index: number) => unknown) => boolean,
  find: uncurry(ARRAY.find) as <T>(array: readonly T[], match: (value: T, index: number) => unknown) => T | undefined,
  // Not `slice`: a `.slice(` call is a copy site to cowlens's own instrumenter, whose typed form of
  // it cannot carry a generic method's type (the type-check oracle instruments this code).
  sliceOf: uncurry(ARRAY.slice) as <T>(array: readonly T[], start?: number, end?: number) => T[],
  map: uncurry(ARRAY.map) as <T, U>(array: readonly T[], each: (value: T, index: number) => U) => U[],
} as const;

/** `Object.prototype.propertyIsEnumerable`, called with the object first. */
export const propertyIsEnumerable = uncurry(loaded(Object.prototype, 'propertyIsEnumerable')) as (object: object, key: PropertyKey) => boolean;

/**
 * Whether Map's and Set's prototypes hold the methods they held when cowlens loaded. A view of a
 * Map or a Set hands out its own methods, which do what those do: a copy is a view only while
 * they are what a plain copy would run (`new Map(m)` calls `set`; the copy's `get` is the
 * program's). Read as the program reads them, property by property: a few nanoseconds, where
 * their descriptors would cost hundreds; only the `size` getters are read by descriptor.
 */
export function collectionMethodsIntact(): boolean {
  return (
    MAP.get === MAP_METHODS.get &&
    MAP.has === MAP_METHODS.has &&
    MAP.set === MAP_METHODS.set &&
    MAP.delete === MAP_METHODS.delete &&
    MAP.clear === MAP_METHODS.clear &&
    MAP.forEach === MAP_METHODS.forEach &&
    MAP.entries === MAP_METHODS.entries &&
    MAP.keys === MAP_METHODS.keys &&
    MAP.values === MAP_METHODS.values &&
    MAP[Symbol.iterator] === MAP_METHODS.iterator &&
    SET.has === SET_METHODS.has &&
    SET.add === SET_METHODS.add &&
    SET.delete === SET_METHODS.delete &&
    SET.clear === SET_METHODS.clear &&
    SET.forEach === SET_METHODS.forEach &&
    SET.entries === SET_METHODS.entries &&
    SET.keys === SET_METHODS.keys &&
    SET.values === SET_METHODS.values &&
    SET[Symbol.iterator] === SET_METHODS.iterator &&
    loaded(MAP, 'size') === MAP_METHODS.size &&
    loaded(SET, 'size') === SET_METHODS.size
  );
}
