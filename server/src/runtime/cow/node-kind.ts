import { types } from 'node:util';
import { isProxy } from '../is-proxy.js';
import { Object, Reflect, Array } from '../captured-namespaces.js';

/** The kinds of node a view can stand for; everything else is copied eagerly. */
export const enum NodeKind {
  Object = 0,
  Array = 1,
  Map = 2,
  Set = 3,
  /** Dates and typed arrays are small or native: a view copies them when it first reads them. */
  Date = 4,
  Typed = 5,
}

/**
 * The kind of `value` when it is plain data a view can share faithfully: a plain object or null-
 * prototype object whose own properties are all enumerable data properties with string keys (frozen
 * is fine: a view never writes its source); an array with the standard prototype; a Map or Set that is not a subclass.
 * Anything else (class instances, accessors, symbols, hidden properties) would need the copy's
 * exact construction rules, so it is copied eagerly instead.
 */
export function plainNodeKind(value: object): NodeKind | undefined {
  // A Proxy is never plain data: each read of it runs the program's traps, which a copy of it must run as the program does.
  if (isProxy(value)) return undefined;
  const proto: unknown = Object.getPrototypeOf(value);
  if (Array.isArray(value)) return proto === Array.prototype ? NodeKind.Array : undefined;
  if (proto === Object.prototype || proto === null) return !isExotic(value) && hasOnlyPlainData(value) ? NodeKind.Object : undefined;
  if (proto === Map.prototype && value instanceof Map) return NodeKind.Map;
  if (proto === Set.prototype && value instanceof Set) return NodeKind.Set;
  if (proto === Date.prototype && value instanceof Date) return NodeKind.Date;
  if (ArrayBuffer.isView(value) && !(value instanceof DataView) && !isSharedMemory(value)) return NodeKind.Typed;
  return undefined;
}

/** A built-in with internal slots whose prototype was swapped: its copies follow its real type, not its prototype. */
function isExotic(value: object): boolean {
  return types.isMap(value) || types.isSet(value) || types.isDate(value) || types.isRegExp(value) || types.isBoxedPrimitive(value) || types.isNativeError(value) || types.isAnyArrayBuffer(value) || ArrayBuffer.isView(value) || types.isWeakMap(value) || types.isWeakSet(value) || types.isPromise(value);
}

/** Own properties only: a descriptor inherits from Object.prototype, which the program may have given enumerable properties. */
function hasOnlyPlainData(value: object): boolean {
  if (Object.getOwnPropertySymbols(value).length > 0) return false;
  const keys = Object.getOwnPropertyNames(value);
  for (let i = 0; i < keys.length; i++) {
    const d = Reflect.getOwnPropertyDescriptor(value, keys[i]!)!;
    if (!Object.hasOwn(d, 'value') || !d.enumerable) return false;
  }
  return true;
}

function isSharedMemory(view: ArrayBufferView): boolean {
  return typeof SharedArrayBuffer === 'function' && view.buffer instanceof SharedArrayBuffer;
}

/** Whether `key` names an array element (a canonical index below 2^32 - 1). */
export function isIndex(key: PropertyKey): key is string {
  if (typeof key !== 'string' || key.length === 0 || key.length > 10) return false;
  const n = Number(key);
  return n >>> 0 === n && n !== 4294967295 && String(n) === key;
}

/**
 * Whether the prototypes give arrays elements (the program put an index on Array.prototype or
 * Object.prototype): a slice or a spread then copies what a hole inherits as an element of its
 * own, which a view of the holey array would not show. Array.prototype is an array, so its length
 * tells at once.
 */
export function elementsInherited(): boolean {
  if ((Array.prototype as unknown[]).length !== 0) return true;
  // An object lists its index keys first: the first key tells.
  const first = Reflect.ownKeys(Object.prototype)[0];
  return first !== undefined && isIndex(first);
}
