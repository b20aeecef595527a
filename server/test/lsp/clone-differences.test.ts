/**
 * The differential test behind the JSON round trip's quick fix: `JSON.parse(JSON.stringify(x))`
 * and `structuredClone(x)` run on values of every kind fast-check makes, and what each gives
 * (the copy, described down to prototypes, holes, -0 and shared references, or the error it
 * throws) is compared. The fix's title lists `JSON_TO_STRUCTURED_CLONE`; this test holds it to
 * what the two really do:
 * - each listed kind, put anywhere in plain data, makes the two differ (one test per kind);
 * - any value, mixing listed kinds, plain data and the kinds that copy the same, gives the same
 *   copy both ways unless it holds a listed kind;
 * - the kinds that copy the same (getters, class instances, null prototypes, symbol keys,
 *   non-enumerable properties) do.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JSON_TO_STRUCTURED_CLONE } from '../../src/lsp/clone-differences.js';

/** A value with the kinds of value in it that the fix's list names. */
interface Tagged {
  readonly value: unknown;
  readonly kinds: readonly string[];
}

const KEY = fc.constantFrom('a', 'b', 'c', 'id', 'name', 'items', '0', '10');

/** Text that pins down a copy: types and prototypes, own enumerable keys (so holes), -0, NaN, and which objects are the same. */
function describeValue(value: unknown, seen = new Map<object, number>()): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'number':
      return Object.is(value, -0) ? '-0' : String(value);
    case 'string':
      return JSON.stringify(value);
    case 'bigint':
      return `${String(value)}n`;
    case 'boolean':
    case 'undefined':
      return String(value);
    case 'symbol':
      return 'symbol';
    case 'function':
      return 'function';
    default:
      break;
  }
  const object = value;
  const known = seen.get(object);
  if (known !== undefined) return `@${String(known)}`;
  seen.set(object, seen.size);
  const prototype = Object.getPrototypeOf(object) as { constructor?: { name?: string } } | null;
  const tag = `${Object.prototype.toString.call(object)}:${prototype?.constructor?.name ?? 'null'}`;
  let inner = '';
  if (object instanceof Date) inner = String(object.getTime());
  else if (object instanceof RegExp) inner = String(object);
  else if (object instanceof Map) inner = [...object].map(([k, v]) => `${describeValue(k, seen)}=>${describeValue(v, seen)}`).join(',');
  else if (object instanceof Set) inner = [...object].map((v) => describeValue(v, seen)).join(',');
  else if (object instanceof Error) inner = `${object.name}:${object.message}`;
  else if (ArrayBuffer.isView(object)) inner = Array.from(new Uint8Array(object.buffer, object.byteOffset, object.byteLength)).join(',');
  else if (object instanceof ArrayBuffer) inner = Array.from(new Uint8Array(object)).join(',');
  else if (object instanceof Number || object instanceof String || object instanceof Boolean) inner = String(object.valueOf());
  const length = Array.isArray(object) ? `#${String(object.length)}` : '';
  const entries = Object.keys(object).map((k) => `${k}:${describeValue((object as Record<string, unknown>)[k], seen)}`);
  return `${tag}${length}(${inner}){${entries.join(',')}}`;
}

/** What a copy gives: the copy described, or the kind of error it throws. */
function outcome(copy: () => unknown): string {
  try {
    return describeValue(copy());
  } catch (error) {
    return `throws ${(error as Error).name}`;
  }
}

const viaJson = (value: unknown): string => outcome(() => JSON.parse(JSON.stringify(value)) as unknown);
const viaStructuredClone = (value: unknown): string => outcome(() => structuredClone(value));

class Money {
  constructor(readonly cents: number) {}
  toJSON(): string {
    return `${String(this.cents / 100)} EUR`;
  }
}

class Point {
  constructor(
    readonly x: number,
    readonly y: number,
  ) {}
  get length(): number {
    return Math.hypot(this.x, this.y);
  }
}

const plainLeaf = fc.oneof(fc.string({ maxLength: 5 }), fc.integer().filter((n) => !Object.is(n, -0)), fc.boolean(), fc.constant(null));

/** A new object each time one is drawn: the same object drawn twice would be a shared reference. */
const fresh = <T>(make: () => T): fc.Arbitrary<T> => fc.constant(null).map(make);

/** A kind of value and how to make one, given plain data to put in it. */
type Maker = (plain: unknown) => fc.Arbitrary<unknown>;

/** One maker per listed kind, by the kind's name in `JSON_TO_STRUCTURED_CLONE`. */
const LISTED: Readonly<Record<string, Maker>> = {
  Dates: () => fc.date({ noInvalidDate: false }),
  Maps: (plain) => fresh(() => new Map([['k', plain]])),
  Sets: (plain) => fresh(() => new Set([plain])),
  RegExps: () => fc.constantFrom('a+', '^x$', '[0-9]').chain((source) => fc.constantFrom('', 'g', 'i').map((flags) => new RegExp(source, flags))),
  Errors: () => fc.tuple(fc.constantFrom(Error, TypeError, RangeError), fc.string({ maxLength: 5 })).map(([E, message]) => new E(message)),
  'typed arrays, ArrayBuffers and DataViews': () =>
    fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 4 }).chain((bytes) =>
      fc.constantFrom(new Uint8Array(bytes), new Float64Array(bytes), new Uint8Array(bytes).buffer, new DataView(new Uint8Array(bytes).buffer)),
    ),
  'boxed primitives': () => fc.oneof(fc.integer().map((n) => Object(n) as unknown), fc.string({ maxLength: 3 }).map((s) => Object(s) as unknown), fc.boolean().map((b) => Object(b) as unknown)),
  undefined: () => fc.constant(undefined),
  'NaN and ±Infinity': () => fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
  '-0': () => fc.constant(-0),
  'holes of sparse arrays': (plain) => fc.integer({ min: 1, max: 4 }).map((n) => {
    const sparse: unknown[] = new Array<unknown>(n + 1);
    sparse[n] = plain;
    return sparse;
  }),
  'named properties of arrays': (plain) => fresh(() => Object.assign([plain], { extra: 1 })),
  'shared references': (plain) => fresh(() => ({ v: plain })).map((shared) => ({ first: shared, second: shared })),
  'toJSON methods': () => fc.integer().map((cents) => new Money(cents)),
  BigInts: () => fc.bigInt(),
  cycles: (plain) => fresh(() => {
    const node: Record<string, unknown> = { v: plain };
    node.self = node;
    return node;
  }),
  functions: () => fc.constantFrom(() => 1, function named() {}, Money),
  symbols: () => fc.string({ maxLength: 3 }).map((d) => Symbol(d)),
  Proxies: (plain) => fresh(() => new Proxy({ v: plain }, {})),
  'WeakMaps, WeakSets and Promises': () => fc.oneof(fresh(() => new WeakMap()), fresh(() => new WeakSet()), fresh(() => Promise.resolve(1))),
};

/** Kinds of value that copy the same both ways: they must not be in the list. */
const SAME: Readonly<Record<string, Maker>> = {
  getters: (plain) => fresh(() => ({ get g() { return plain; } })),
  'class instances': () => fc.tuple(fc.integer(), fc.integer()).map(([x, y]) => new Point(x, y)),
  'null prototypes': (plain) => fresh(() => Object.assign(Object.create(null) as object, { v: plain })),
  'symbol keys': (plain) => fresh(() => ({ [Symbol('k')]: plain, v: plain })),
  'non-enumerable properties': (plain) => fresh(() => Object.defineProperty({ v: plain }, 'hidden', { value: plain, enumerable: false })),
  'nested plain data': (plain) => fresh(() => ({ nested: [plain, { deeper: plain }] })),
};

const tagged = (makers: Readonly<Record<string, Maker>>, listed: boolean): fc.Arbitrary<Tagged> =>
  fc.constantFrom(...Object.keys(makers)).chain((kind) => plainLeaf.chain((plain) => makers[kind]!(plain).map((value) => ({ value, kinds: listed ? [kind] : [] }))));

/** Plain data with tagged values anywhere in it, the tags of all of them gathered. */
const anyValue: fc.Arbitrary<Tagged> = fc.letrec<{ node: Tagged }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    plainLeaf.map((value) => ({ value, kinds: [] })),
    tagged(LISTED, true),
    tagged(SAME, false),
    fc.array(tie('node'), { maxLength: 3 }).map((items) => ({ value: items.map((i) => i.value), kinds: items.flatMap((i) => i.kinds) })),
    fc.array(fc.tuple(KEY, tie('node')), { maxLength: 3 }).map((pairs) => {
      const object: Record<string, unknown> = {};
      const kinds: string[] = [];
      for (const [key, item] of pairs) {
        // A later value under the same key replaces an earlier one, and with it the earlier kinds.
        object[key] = item.value;
      }
      for (const [key, item] of pairs) if (Object.is(object[key], item.value)) kinds.push(...item.kinds);
      return { value: object, kinds };
    }),
  ),
})).node;

/** Puts `value` somewhere in plain data: at the top, in an array, under a key. */
const embedded = (value: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> =>
  fc.tuple(value, fc.constantFrom('top', 'array', 'object'), KEY).map(([v, where, key]) => (where === 'top' ? v : where === 'array' ? [1, v] : { [key]: v, other: 1 }));

describe('JSON round trip against structuredClone: the quick fix names every difference', () => {
  it('lists exactly the kinds this test makes', () => {
    expect(JSON_TO_STRUCTURED_CLONE.map((d) => d.kind).toSorted()).toEqual(Object.keys(LISTED).toSorted());
  });

  it.each(JSON_TO_STRUCTURED_CLONE.map((d) => [d.kind, d.effect] as const))('%s: structuredClone %s them where JSON changed them', (kind, effect) => {
    fc.assert(
      fc.property(embedded(plainLeaf.chain((plain) => LISTED[kind]!(plain))), (value) => {
        const json = viaJson(value);
        const clone = viaStructuredClone(value);
        expect(clone).not.toEqual(json);
        if (effect === 'throws') expect(clone).toBe('throws DataCloneError');
        if (effect === 'copied') expect(json).toBe('throws TypeError');
      }),
      { numRuns: 60 },
    );
  });

  it('gives the same copy both ways for values of the kinds not listed', () => {
    fc.assert(
      fc.property(embedded(tagged(SAME, false).map((t) => t.value)), (value) => {
        expect(viaStructuredClone(value)).toBe(viaJson(value));
      }),
      { numRuns: 300 },
    );
  });

  it('finds no difference outside the list in values that mix every kind', () => {
    let differing = 0;
    let unlisted = 0;
    fc.assert(
      fc.property(anyValue, ({ value, kinds }) => {
        const same = viaStructuredClone(value) === viaJson(value);
        if (!same) differing++;
        if (kinds.length > 0) return;
        // A difference is always explained by a listed kind the value holds.
        unlisted++;
        expect(same).toBe(true);
      }),
      { numRuns: 2000 },
    );
    expect(differing).toBeGreaterThan(100);
    expect(unlisted).toBeGreaterThan(100);
  });
});
