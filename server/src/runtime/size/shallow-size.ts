import {
  ARRAY_BUFFER_OVERHEAD,
  ARRAY_HEADER,
  COLLECTION_HEADER,
  DATE,
  DICTIONARY_ENTRY,
  DICTIONARY_PREFIX,
  EMPTY_OBJECT_SLOTS,
  FIXED_ARRAY_HEADER,
  HEAP_NUMBER,
  MAP_ENTRY,
  MAX_FAST_PROPERTIES,
  OBJECT_HEADER,
  ON_HEAP_TYPED_ARRAY_MAX,
  ON_HEAP_TYPED_ARRAY_OVERHEAD,
  ORDERED_TABLE_LOAD,
  ORDERED_TABLE_MIN_CAPACITY,
  ORDERED_TABLE_PREFIX,
  PRIMITIVE_WRAPPER,
  REGEXP,
  SET_COPY_HEADROOM,
  SET_ENTRY,
  SMI_MAX,
  SMI_MIN,
  STRING_HEADER,
  TAGGED,
  TYPED_ARRAY_OVERHEAD,
} from './v8-layout.js';
import { dataValue } from '../data-value.js';
import { builtinMap, builtinSet } from '../captured-intrinsics.js';
import { isProxy } from '../is-proxy.js';
import { Object, Math, Number, Array } from '../captured-namespaces.js';

/** Elements of a large array looked at to tell its elements kind (V8 does not show it to JS). */
const ELEMENT_SAMPLE = 8;
/** Properties of an object looked at to count its boxed doubles. */
const PROPERTY_SAMPLE = 8;

/**
 * Whether slots may be read directly: a copy the runtime made itself (spread, slice, clone...)
 * holds data properties only; anything else is read through descriptors, so no getter runs. A flag
 * rather than a reader function keeps the loops below monomorphic: sizing runs at every copy.
 */
type Reads = 'direct' | 'descriptors';

const slot = (o: object, key: PropertyKey, reads: Reads): unknown =>
  reads === 'direct' ? (o as Record<PropertyKey, unknown>)[key] : dataValue(o, key);

const roundUp8 = (n: number): number => Math.ceil(n / 8) * 8;
const nextPowerOfTwo = (n: number): number => 2 ** Math.ceil(Math.log2(Math.max(1, n)));

/** A double that is not a small integer: stored in objects as a HeapNumber. */
function isHeapNumber(value: unknown): boolean {
  return typeof value === 'number' && !(Number.isInteger(value) && value >= SMI_MIN && value <= SMI_MAX && !Object.is(value, -0));
}

/**
 * Bytes of one node as a shallow copy duplicates it: header, properties or elements, hash table;
 * not its children, except the HeapNumbers that box its doubles (a copy boxes them anew).
 * Strings are sized as strings; other primitives and functions are 0.
 */
export function shallowSize(value: unknown): number {
  return sizeWith(value, 'descriptors');
}

/**
 * `shallowSize` of a value that a copy operation just made (a spread, a slice, a clone): copies
 * hold data properties only, so their slots are read directly, without asking for descriptors.
 */
export function copySize(copy: unknown): number {
  return sizeWith(copy, 'direct');
}

function sizeWith(value: unknown, reads: Reads): number {
  if (typeof value === 'string') return stringSize(value);
  if (typeof value !== 'object' || value === null) return 0;
  if (Array.isArray(value)) return arraySize(value, reads);
  // Most copied values are plain objects: one prototype check spares them the instanceof chain.
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto === Object.prototype || proto === null) return objectSize(value, reads === 'direct' && proto !== null && enumeratesAny(Object.prototype) ? 'keys' : reads);
  // A view (a Proxy, which the built-in getter refuses) tells its own size.
  if (value instanceof Map) return collectionSize(isProxy(value) ? value.size : builtinMap.size(value), MAP_ENTRY);
  if (value instanceof Set) {
    const size = isProxy(value) ? value.size : builtinSet.size(value);
    return collectionSize(SET_COPY_HEADROOM ? size + (size >> 1) : size, SET_ENTRY);
  }
  if (ArrayBuffer.isView(value)) return typedSize(value.byteLength);
  if (value instanceof ArrayBuffer) return ARRAY_BUFFER_OVERHEAD + value.byteLength;
  if (value instanceof Date) return DATE;
  if (value instanceof RegExp) return REGEXP;
  if (value instanceof Number || value instanceof String || value instanceof Boolean) return PRIMITIVE_WRAPPER;
  return objectSize(value, reads === 'direct' ? 'keys' : reads);
}

/**
 * A bound `shallowSize` of a plain object or array cannot exceed, told from its key count or
 * length alone, every value a boxed double at most; Infinity for anything else. No value is read,
 * so nothing of the program's runs: the caller has ruled out Proxies.
 */
export function shallowSizeBound(value: object): number {
  if (Array.isArray(value)) return value.length === 0 ? ARRAY_HEADER : ARRAY_HEADER + FIXED_ARRAY_HEADER + value.length * (TAGGED + HEAP_NUMBER);
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return Infinity;
  const properties = Object.keys(value).length;
  return fieldsSize(properties, properties);
}

/** A flat string: one byte a character when every character fits in Latin-1, else two. */
export function stringSize(s: string): number {
  return roundUp8(STRING_HEADER + s.length * (isOneByte(s) ? 1 : 2));
}

function isOneByte(s: string): boolean {
  const step = s.length <= 256 ? 1 : Math.floor(s.length / 256);
  for (let i = 0; i < s.length; i += step) if (s.charCodeAt(i) > 0xff) return false;
  return true;
}

/**
 * Symbol-keyed properties are rare in copied data and listing them allocates: they are not
 * counted. Boxed doubles are counted on a sample of the properties.
 */
function objectSize(o: object, reads: Reads | 'keys'): number {
  if (reads === 'direct') {
    const { properties, boxed } = directSlots(o);
    if (properties <= PROPERTY_SAMPLE) return fieldsSize(properties, boxed);
  }
  const keys = Object.keys(o);
  const properties = keys.length;
  // Own keys read directly: a copy holds data properties only.
  const own: Reads = reads === 'descriptors' ? 'descriptors' : 'direct';
  let boxed = 0;
  if (properties <= PROPERTY_SAMPLE) {
    for (let i = 0; i < properties; i++) if (isHeapNumber(slot(o, keys[i]!, own))) boxed++;
  } else {
    let sampledBoxed = 0;
    for (let i = 0; i < PROPERTY_SAMPLE; i++) if (isHeapNumber(slot(o, keys[Math.floor((i * properties) / PROPERTY_SAMPLE)]!, own))) sampledBoxed++;
    boxed = Math.round((sampledBoxed / PROPERTY_SAMPLE) * properties);
  }
  return fieldsSize(properties, boxed);
}

function fieldsSize(properties: number, boxed: number): number {
  if (properties > MAX_FAST_PROPERTIES) {
    const capacity = nextPowerOfTwo(properties + (properties >> 1));
    return OBJECT_HEADER + FIXED_ARRAY_HEADER + DICTIONARY_PREFIX + capacity * DICTIONARY_ENTRY + boxed * HEAP_NUMBER;
  }
  const slots = properties === 0 ? EMPTY_OBJECT_SLOTS : properties;
  return OBJECT_HEADER + slots * TAGGED + boxed * HEAP_NUMBER;
}

/**
 * Properties and boxed doubles of a plain copy, counted in one `for…in`: V8 reads each slot by its
 * field index there, twice as fast as keyed reads through `Object.keys`. Only for copies whose
 * prototype has no enumerable property (`for…in` would list it, and read it, running a getter).
 */
function directSlots(o: object): { properties: number; boxed: number } {
  let properties = 0;
  let boxed = 0;
  for (const key in o) {
    properties++;
    if (properties <= PROPERTY_SAMPLE && isHeapNumber((o as Record<string, unknown>)[key])) boxed++;
  }
  return { properties, boxed };
}

/**
 * Holey or packed, SMI, double or object elements all take 8 bytes a slot; arrays of objects or
 * mixed values box their doubles. The kind is read off a sample of the elements.
 */
function arraySize(a: unknown[], reads: Reads): number {
  const length = a.length;
  if (length === 0) return ARRAY_HEADER;
  const sampled = Math.min(length, ELEMENT_SAMPLE);
  let heapNumbers = 0;
  let allNumbers = true;
  for (let i = 0; i < sampled; i++) {
    const v = slot(a, length <= ELEMENT_SAMPLE ? i : Math.floor((i * length) / ELEMENT_SAMPLE), reads);
    if (typeof v !== 'number') allNumbers = false;
    else if (isHeapNumber(v)) heapNumbers++;
  }
  const size = ARRAY_HEADER + FIXED_ARRAY_HEADER + length * TAGGED;
  return allNumbers ? size : size + Math.round((heapNumbers / sampled) * length) * HEAP_NUMBER;
}

function collectionSize(entries: number, entrySize: number): number {
  const capacity = Math.max(ORDERED_TABLE_MIN_CAPACITY, nextPowerOfTwo(entries));
  const buckets = capacity / ORDERED_TABLE_LOAD;
  return COLLECTION_HEADER + FIXED_ARRAY_HEADER + ORDERED_TABLE_PREFIX + buckets * TAGGED + capacity * entrySize;
}

function typedSize(byteLength: number): number {
  return byteLength <= ON_HEAP_TYPED_ARRAY_MAX ? ON_HEAP_TYPED_ARRAY_OVERHEAD + roundUp8(byteLength) : TYPED_ARRAY_OVERHEAD + byteLength;
}

/** Whether `o` has an enumerable string-keyed property of its own or inherited: a program may add them to Object.prototype. */
function enumeratesAny(o: object): boolean {
  for (const _ in o) return true;
  return false;
}
