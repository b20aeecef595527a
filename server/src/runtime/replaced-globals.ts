/**
 * A program may replace a built-in that a copy site calls: a polyfill, or a test's mock
 * (`globalThis.structuredClone = fake`, `JSON.parse = spy`). The instrumenter rewrote the site as
 * a call of the built-in, so the runtime asks, each time, whether the global still holds it; when it
 * does not, the program's replacement runs, as it would have without cowlens.
 */
import { isPatchedClone } from './patch-clone-globals.js';

type AnyFunction = (...args: unknown[]) => unknown;
type Constructor = new (...args: unknown[]) => unknown;

interface Globals {
  structuredClone?: unknown;
  JSON?: { parse?: unknown; stringify?: unknown };
  Object?: { assign?: unknown };
  Array?: { from?: unknown };
  Map?: unknown;
  Set?: unknown;
  Buffer?: { from?: unknown };
}

const global = globalThis as Globals;

const NATIVE = {
  structuredClone: global.structuredClone,
  parse: JSON.parse,
  stringify: JSON.stringify,
  assign: Object.assign,
  from: Array.from,
  Map,
  Set,
  bufferFrom: typeof Buffer === 'function' ? (Buffer as { from?: unknown }).from : undefined,
};

/** What runs in place of a copy built-in the program replaced; undefined while it holds the built-in. */
export interface Replacements {
  readonly structuredClone: () => AnyFunction | undefined;
  readonly jsonRoundTrip: () => AnyFunction | undefined;
  readonly assign: () => AnyFunction | undefined;
  readonly arrayFrom: () => AnyFunction | undefined;
  readonly map: () => Constructor | undefined;
  readonly set: () => Constructor | undefined;
  readonly bufferFrom: () => AnyFunction | undefined;
}

export const replacements: Replacements = {
  structuredClone: () => {
    const clone = global.structuredClone;
    return clone === NATIVE.structuredClone || isPatchedClone(clone) ? undefined : (clone as AnyFunction);
  },
  jsonRoundTrip: () => {
    const json = global.JSON;
    if (json === JSON && json.parse === NATIVE.parse && json.stringify === NATIVE.stringify) return undefined;
    return (value) => (json!.parse as AnyFunction).call(json, (json!.stringify as AnyFunction).call(json, value));
  },
  assign: () => {
    const owner = global.Object;
    const assign = owner?.assign;
    return owner === Object && assign === NATIVE.assign ? undefined : (...args) => (assign as AnyFunction).apply(owner, args);
  },
  arrayFrom: () => {
    const owner = global.Array;
    const from = owner?.from;
    return owner === Array && from === NATIVE.from ? undefined : (...args) => (from as AnyFunction).apply(owner, args);
  },
  map: () => (global.Map === NATIVE.Map ? undefined : (global.Map as Constructor)),
  set: () => (global.Set === NATIVE.Set ? undefined : (global.Set as Constructor)),
  bufferFrom: () => {
    const owner = global.Buffer;
    const from = owner?.from;
    return from === NATIVE.bufferFrom ? undefined : (...args) => (from as AnyFunction).apply(owner, args);
  },
};
