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
  SET_ENTRY,
  SMI_MAX,
  SMI_MIN,
  STRING_HEADER,
  TAGGED,
  TYPED_ARRAY_OVERHEAD,
} from './v8-layout.js';

/** Elements of a large array looked at to tell its elements kind (V8 does not show it to JS). */
const ELEMENT_SAMPLE = 8;
/** Properties of an object looked at to count its boxed doubles. */
const PROPERTY_SAMPLE = 8;

/**
 * A slot's value without running a getter: sizing must never run the program's code (a getter
 * with side effects would run once more than the program runs it).
 */
function dataValue(o: object, key: PropertyKey): unknown {
  const d = Reflect.getOwnPropertyDescriptor(o, key);
  return d && 'value' in d ? (d.value as unknown) : undefined;
}

/** For a copy the runtime made itself (spread, slice, clone...), which holds data properties only. */
function plainValue(o: object, key: PropertyKey): unknown {
  return (o as Record<PropertyKey, unknown>)[key];
}

type Reader = (o: object, key: PropertyKey) => unknown;

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
  return sizeWith(value, dataValue);
}

/**
 * `shallowSize` of a value that a copy operation just made (a spread, a slice, a clone): copies
 * hold data properties only, so their slots are read directly, without asking for descriptors.
 */
export function copySize(copy: unknown): number {
  return sizeWith(copy, plainValue);
}

function sizeWith(value: unknown, read: Reader): number {
  if (typeof value === 'string') return stringSize(value);
  if (typeof value !== 'object' || value === null) return 0;
  if (Array.isArray(value)) return arraySize(value, read);
  if (value instanceof Map) return collectionSize(value.size, MAP_ENTRY);
  if (value instanceof Set) return collectionSize(value.size, SET_ENTRY);
  if (ArrayBuffer.isView(value)) return typedSize(value.byteLength);
  if (value instanceof ArrayBuffer) return ARRAY_BUFFER_OVERHEAD + value.byteLength;
  if (value instanceof Date) return DATE;
  if (value instanceof RegExp) return REGEXP;
  if (value instanceof Number || value instanceof String || value instanceof Boolean) return PRIMITIVE_WRAPPER;
  return objectSize(value, read);
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
function objectSize(o: object, read: Reader): number {
  const keys = Object.keys(o);
  const properties = keys.length;
  const step = properties <= PROPERTY_SAMPLE ? 1 : properties / PROPERTY_SAMPLE;
  let sampled = 0;
  let sampledBoxed = 0;
  for (let x = 0; x < properties; x += step) {
    sampled++;
    if (isHeapNumber(read(o, keys[Math.floor(x)]!))) sampledBoxed++;
  }
  const boxed = sampled === 0 ? 0 : Math.round((sampledBoxed / sampled) * properties);
  if (properties > MAX_FAST_PROPERTIES) {
    const capacity = nextPowerOfTwo(properties + (properties >> 1));
    return OBJECT_HEADER + FIXED_ARRAY_HEADER + DICTIONARY_PREFIX + capacity * DICTIONARY_ENTRY + boxed * HEAP_NUMBER;
  }
  const slots = properties === 0 ? EMPTY_OBJECT_SLOTS : properties;
  return OBJECT_HEADER + slots * TAGGED + boxed * HEAP_NUMBER;
}

/**
 * Holey or packed, SMI, double or object elements all take 8 bytes a slot; arrays of objects or
 * mixed values box their doubles. The kind is read off a sample of the elements.
 */
function arraySize(a: unknown[], read: Reader): number {
  const length = a.length;
  let size = ARRAY_HEADER + (length === 0 ? 0 : FIXED_ARRAY_HEADER + length * TAGGED);
  if (length === 0) return size;
  const step = length <= ELEMENT_SAMPLE ? 1 : length / ELEMENT_SAMPLE;
  let sampled = 0;
  let heapNumbers = 0;
  let allNumbers = true;
  for (let x = 0; x < length; x += step) {
    const v = read(a, Math.floor(x));
    sampled++;
    if (typeof v !== 'number') allNumbers = false;
    else if (isHeapNumber(v)) heapNumbers++;
  }
  if (!allNumbers) size += Math.round((heapNumbers / sampled) * length) * HEAP_NUMBER;
  return size;
}

function collectionSize(entries: number, entrySize: number): number {
  const capacity = Math.max(ORDERED_TABLE_MIN_CAPACITY, nextPowerOfTwo(entries));
  const buckets = capacity / ORDERED_TABLE_LOAD;
  return COLLECTION_HEADER + FIXED_ARRAY_HEADER + ORDERED_TABLE_PREFIX + buckets * TAGGED + capacity * entrySize;
}

function typedSize(byteLength: number): number {
  return byteLength <= ON_HEAP_TYPED_ARRAY_MAX ? ON_HEAP_TYPED_ARRAY_OVERHEAD + roundUp8(byteLength) : TYPED_ARRAY_OVERHEAD + byteLength;
}
