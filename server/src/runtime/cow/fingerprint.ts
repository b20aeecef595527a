import { types } from 'node:util';
import { privateStamp } from '../private-stamp.js';
import { isProxy } from '../is-proxy.js';
import { dateTime, typedLength } from './builtin-reads.js';
import { NodeKind } from './node-kind.js';
import { builtinMap, builtinSet, OwnWeakMap } from '../captured-intrinsics.js';
import { Object, Reflect, Math, Array } from '../captured-namespaces.js';

/**
 * A digest of one node's own content, to notice writes cowlens did not see (from code that was not
 * instrumented) into a node that views share. Nodes of up to SAMPLE slots are digested whole;
 * larger ones by their size and SAMPLE slots spread over them, so a change of length or of a
 * sampled slot is always caught and a change elsewhere in a very large node may not be (see the
 * README's limits). Each slot's value is digested exactly, by the language's sameness (Object.is):
 * numbers by their bits, strings and bigints by every digit, symbols and child objects by identity,
 * so no value plain arithmetic produces from another digests like it (`v | 0` made 0 and 2 ** 32 one).
 */
const SAMPLE = 64;

let nextId = 1;
const ids = privateStamp<number>();

function identity(o: object): number {
  let id = ids.get(o);
  if (id === undefined) ids.set(o, (id = nextId++));
  return id;
}

function mix(h: number, v: number): number {
  // Signed, so that a digest is a small integer V8 keeps unboxed in the field that holds it.
  return Math.imul(h ^ v, 0x9e3779b1);
}

/** Every character: two strings that differ anywhere differ here but for a chance of one in 2^32. */
function digestString(s: string): number {
  let h = mix(7, s.length);
  for (let i = 0; i < s.length; i++) h = mix(h, s.charCodeAt(i));
  return h;
}

const float = new Float64Array(1);
const halves = new Uint32Array(float.buffer);

/** The number's 64 bits, so that values Object.is tells apart (0 and -0, 0 and 2 ** 32) differ; every NaN is one. */
function digestNumber(n: number): number {
  if (n !== n) return 8;
  float[0] = n;
  return mix(mix(9, halves[0]!), halves[1]!);
}

/** Symbols that can be held weakly, by identity; registered ones (`Symbol.for`) by their key. */
const symbolIds = new OwnWeakMap<symbol, number>();

function digestSymbol(s: symbol): number {
  const key = Symbol.keyFor(s);
  if (key !== undefined) return mix(10, digestString(key));
  let id = symbolIds.get(s);
  if (id === undefined) symbolIds.set(s, (id = nextId++));
  return mix(11, id);
}

function digestValue(v: unknown): number {
  switch (typeof v) {
    case 'number':
      return digestNumber(v);
    case 'string':
      return mix(12, digestString(v));
    case 'boolean':
      return v ? 1 : 2;
    case 'undefined':
      return 3;
    case 'bigint':
      return mix(13, digestString(v.toString(16)));
    case 'symbol':
      return digestSymbol(v);
    default:
      return v === null ? 5 : mix(14, identity(v as object));
  }
}

export function fingerprint(node: object, kind: NodeKind): number {
  switch (kind) {
    case NodeKind.Array: {
      const a = node as unknown[];
      let h = mix(1, a.length);
      const step = a.length <= SAMPLE ? 1 : a.length / SAMPLE;
      for (let x = 0; x < a.length; x += step) {
        const i = Math.floor(x);
        h = mix(h, i in a ? digestValue(a[i]) : 6);
      }
      return h;
    }
    case NodeKind.Object: {
      const keys = Object.keys(node);
      let h = mix(2, keys.length);
      const step = keys.length <= SAMPLE ? 1 : keys.length / SAMPLE;
      for (let x = 0; x < keys.length; x += step) {
        const key = keys[Math.floor(x)]!;
        h = mix(mix(h, digestString(key)), digestValue((node as Record<string, unknown>)[key]));
      }
      return h;
    }
    case NodeKind.Map:
    case NodeKind.Set: {
      const entries = (kind === NodeKind.Map ? builtinMap.entries(node) : builtinSet.entries(node));
      let h = mix(3, Reflect.get<object, 'size'>(kind === NodeKind.Map ? Map.prototype : Set.prototype, 'size', node) as number);
      let n = 0;
      for (const entry of entries) {
        if (n++ >= SAMPLE) break;
        h = mix(mix(h, digestValue(entry[0])), digestValue(entry[1]));
      }
      return h;
    }
    case NodeKind.Date:
      return digestValue(dateTime(node));
    case NodeKind.Typed: {
      const t = node as Uint8Array;
      const length = typedLength(t);
      let h = mix(4, length);
      const step = length <= SAMPLE ? 1 : length / SAMPLE;
      for (let x = 0; x < length; x += step) h = mix(h, digestValue(t[Math.floor(x)]));
      return h;
    }
  }
}

/**
 * A digest of any object's own content read without running code of the program's (no getter, no
 * trap; a Proxy digests as nothing): observe mode's look at what a package was lent, which may be
 * a class instance or hold accessors. Sampled as `fingerprint` samples.
 */
export function dataFingerprint(node: object): number {
  if (isProxy(node)) return 0;
  if (types.isMap(node)) return fingerprint(node, NodeKind.Map);
  if (types.isSet(node)) return fingerprint(node, NodeKind.Set);
  if (types.isDate(node)) return fingerprint(node, NodeKind.Date);
  if (types.isArrayBufferView(node) && !types.isDataView(node)) return fingerprint(node, NodeKind.Typed);
  if (Array.isArray(node)) {
    const length = (node as unknown[]).length;
    let h = mix(1, length);
    const step = length <= SAMPLE ? 1 : length / SAMPLE;
    for (let x = 0; x < length; x += step) h = mix(h, digestSlot(node, String(Math.floor(x))));
    return h;
  }
  const keys = Reflect.ownKeys(node);
  let h = mix(2, keys.length);
  const step = keys.length <= SAMPLE ? 1 : keys.length / SAMPLE;
  for (let x = 0; x < keys.length; x += step) {
    const key = keys[Math.floor(x)]!;
    h = mix(mix(h, digestValue(key)), digestSlot(node, key));
  }
  return h;
}

/** A slot's value, or its accessors, by its own descriptor. */
function digestSlot(node: object, key: PropertyKey): number {
  const d = Reflect.getOwnPropertyDescriptor(node, key);
  if (d === undefined) return 6;
  return Object.hasOwn(d, 'value') ? digestValue(d.value) : mix(mix(15, digestValue(d.get)), digestValue(d.set));
}
