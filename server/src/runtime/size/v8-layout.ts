/**
 * Byte sizes of V8's heap objects on 64-bit Node, which does not use pointer compression: every
 * tagged field is 8 bytes. Each figure was checked here against `process.memoryUsage()` after
 * allocating many copies (the size-model tests do that on every run).
 */
export const TAGGED = 8;

/** JSObject: map, properties, elements. */
export const OBJECT_HEADER = 3 * TAGGED;
/** An empty literal `{}` reserves four in-object property slots. */
export const EMPTY_OBJECT_SLOTS = 4;
/** Past this many properties V8 keeps an object's properties in a NameDictionary. */
export const MAX_FAST_PROPERTIES = 1020;

/** FixedArray and FixedDoubleArray: map, length. */
export const FIXED_ARRAY_HEADER = 2 * TAGGED;
/** JSArray: map, properties, elements, length. */
export const ARRAY_HEADER = 4 * TAGGED;

/** HashTable prefix of a NameDictionary: element count, deleted count, capacity, next enum index, hash. */
export const DICTIONARY_PREFIX = 5 * TAGGED;
/** A NameDictionary entry: key, value, property details. */
export const DICTIONARY_ENTRY = 3 * TAGGED;

/** A double that is not a small integer is boxed in a HeapNumber (map, value) when stored in an object. */
export const HEAP_NUMBER = 2 * TAGGED;
/** Small integers are stored in the tagged word itself: 32-bit on 64-bit V8 without pointer compression. */
export const SMI_MIN = -(2 ** 31);
export const SMI_MAX = 2 ** 31 - 1;

/** SeqOneByteString and SeqTwoByteString: map, hash field and length (4 bytes each), then characters. */
export const STRING_HEADER = 2 * TAGGED;

/** JSMap and JSSet: map, properties, elements, table. */
export const COLLECTION_HEADER = 4 * TAGGED;
/** OrderedHashTable prefix: element count, deleted count, bucket count. */
export const ORDERED_TABLE_PREFIX = 3 * TAGGED;
/** Entries per bucket of an OrderedHashTable (capacity is twice the bucket count). */
export const ORDERED_TABLE_LOAD = 2;
export const ORDERED_TABLE_MIN_CAPACITY = 4;
/**
 * Since V8 12 (Node 22), `new Set(set)` makes its table at once for the entries it copies, with
 * room for half as many again; V8 11 (Node 20) grows it entry by entry to the power of two that
 * holds them. The Sets the runtime sizes are such copies (and the eager copies it weighs views
 * against), so a Set is sized as one. Node 20's V8 has neither this nor the Set methods
 * (`union`…), Node 22's and 24's have both: the runtime tells them apart by the methods, since
 * where it runs `process` may be a test runner's stand-in (jest's contexts).
 */
export const SET_COPY_HEADROOM = 'union' in Set.prototype;
/** An OrderedHashMap entry: key, value, chain; an OrderedHashSet entry: key, chain. */
export const MAP_ENTRY = 3 * TAGGED;
export const SET_ENTRY = 2 * TAGGED;

/** JSDate: header plus the time value and its cached fields. */
export const DATE = 12 * TAGGED;

/** JSTypedArray with its JSArrayBuffer, beside the bytes of the backing store. */
export const TYPED_ARRAY_OVERHEAD = 184;
/** Typed arrays of up to this many bytes keep their bytes on the V8 heap, in a ByteArray. */
export const ON_HEAP_TYPED_ARRAY_MAX = 64;
export const ON_HEAP_TYPED_ARRAY_OVERHEAD = 200;
/** JSArrayBuffer alone, beside its backing store. */
export const ARRAY_BUFFER_OVERHEAD = 80;
/** JSRegExp: header, data, source, flags, last index. */
export const REGEXP = 7 * TAGGED;
/** A boxed primitive (new Number, new String...): header and value. */
export const PRIMITIVE_WRAPPER = 4 * TAGGED;
