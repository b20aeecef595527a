/**
 * The functions of `Object`, `Reflect`, `JSON`, `Math`, `Number` and `Array` the runtime calls,
 * as they were when cowlens loaded, before any code of the program ran. A program may replace
 * them (`jest.spyOn(JSON, 'stringify')`, `Object.keys = counted`, a polyfill of `Reflect`): the
 * runtime calling the replacement would show the program calls it never made, and from inside
 * the runtime, which the replacement may call again without end.
 *
 * A module of the runtime imports them under the globals' own names (`import { JSON } from
 * './captured-namespaces.js'`), so that every call it makes reaches the built-in, and one it
 * does not list fails to compile. `Object`, `Array` and `Number` stand in as functions, so that
 * `Object(x)`, `new Array(n)` and `x instanceof Number` keep reaching the built-ins too. Where the runtime performs the program's own call of one of
 * these (a copy site's `JSON.parse(JSON.stringify(x))`), the site checks first that the
 * program's global is still the built-in (replaced-globals.ts).
 */

const { Object: builtinObject, Array: builtinArray, Number: builtinNumber } = globalThis;

/** `statics` on `standIn`, which takes the built-in's `prototype` too: `instanceof` reads it. */
function withStatics<F extends object, S extends object>(standIn: F, statics: S): F & S {
  return builtinObject.assign(standIn, statics);
}

const object = withStatics((value?: unknown): object => builtinObject(value) as object, {
  prototype: builtinObject.prototype,
  keys: globalThis.Object.keys,
  entries: globalThis.Object.entries,
  assign: globalThis.Object.assign,
  create: globalThis.Object.create,
  defineProperty: globalThis.Object.defineProperty,
  freeze: globalThis.Object.freeze,
  getOwnPropertyDescriptor: globalThis.Object.getOwnPropertyDescriptor,
  getOwnPropertyNames: globalThis.Object.getOwnPropertyNames,
  getOwnPropertySymbols: globalThis.Object.getOwnPropertySymbols,
  getPrototypeOf: globalThis.Object.getPrototypeOf,
  setPrototypeOf: globalThis.Object.setPrototypeOf,
  hasOwn: globalThis.Object.hasOwn,
  is: globalThis.Object.is,
  isFrozen: globalThis.Object.isFrozen,
  isSealed: globalThis.Object.isSealed,
  isExtensible: globalThis.Object.isExtensible,
  preventExtensions: globalThis.Object.preventExtensions,
  seal: globalThis.Object.seal,
  values: globalThis.Object.values,
  fromEntries: globalThis.Object.fromEntries,
  defineProperties: globalThis.Object.defineProperties,
  getOwnPropertyDescriptors: globalThis.Object.getOwnPropertyDescriptors,
} as const);

// Each keeps its namespace's tag: V8 names a call's receiver by it (a CallSite's type, which
// cow/refusal.ts reads to tell `Reflect.set` from an assignment).
const reflect = {
  [Symbol.toStringTag]: 'Reflect',
  apply: globalThis.Reflect.apply,
  construct: globalThis.Reflect.construct,
  defineProperty: globalThis.Reflect.defineProperty,
  deleteProperty: globalThis.Reflect.deleteProperty,
  get: globalThis.Reflect.get,
  getOwnPropertyDescriptor: globalThis.Reflect.getOwnPropertyDescriptor,
  getPrototypeOf: globalThis.Reflect.getPrototypeOf,
  has: globalThis.Reflect.has,
  isExtensible: globalThis.Reflect.isExtensible,
  ownKeys: globalThis.Reflect.ownKeys,
  preventExtensions: globalThis.Reflect.preventExtensions,
  set: globalThis.Reflect.set,
  setPrototypeOf: globalThis.Reflect.setPrototypeOf,
} as const;

const json = { [Symbol.toStringTag]: 'JSON', parse: globalThis.JSON.parse, stringify: globalThis.JSON.stringify } as const;

const math = {
  [Symbol.toStringTag]: 'Math',
  ceil: globalThis.Math.ceil,
  floor: globalThis.Math.floor,
  imul: globalThis.Math.imul,
  log: globalThis.Math.log,
  log2: globalThis.Math.log2,
  max: globalThis.Math.max,
  min: globalThis.Math.min,
  round: globalThis.Math.round,
} as const;

const number = withStatics((value?: unknown): number => builtinNumber(value), {
  prototype: globalThis.Number.prototype,
  isFinite: globalThis.Number.isFinite,
  isInteger: globalThis.Number.isInteger,
} as const);

/** `new Array(length)`: an array of that many holes. */
const array = withStatics(
  function (length: number): unknown[] {
    return new builtinArray(length);
  } as unknown as new (length: number) => unknown[],
  { prototype: globalThis.Array.prototype, isArray: globalThis.Array.isArray, from: globalThis.Array.from } as const,
);

export { object as Object, reflect as Reflect, json as JSON, math as Math, number as Number, array as Array };
