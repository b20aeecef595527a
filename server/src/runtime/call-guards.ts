/**
 * V8 words a failed call (`x.f(...).m is not a function`) and a failed iteration (`x is not
 * iterable`) from the source text at the place, which in instrumented code may hold cowlens's
 * calls (`__cl$i(...).slice(...).m is not a function`). Where it would, the instrumenter passes
 * the callee's receiver, the callee or the iterated value through one of these guards with the
 * message V8 gives for the code as written: the guard finds, without running any of the
 * program's code, whether the operation will fail, and makes it fail with that message, at the
 * moment V8 would. When only running the program's code could tell (a getter, a Proxy's trap),
 * the guard lets the value through and V8 raises its own error.
 */
import { isObject } from './is-object.js';
import { isProxy } from './is-proxy.js';
import { isView } from './cow/node-view.js';

/**
 * The message of a guard, or 0 where V8 words the error by the value (in a static class field
 * or block V8 cannot find the call in the source: `undefined is not a function`).
 */
export type GuardMessage = string | 0;

/** Set for an optional call (`f?.()`, `o.m?.()`): a callee that is null or undefined is no failure. */
export type Optional = 1 | undefined;

/** Taken at load: a guard runs none of the program's code, and the program may replace these later. */
const { getOwnPropertyDescriptor, getPrototypeOf } = Reflect;
const { hasOwn } = Object;

/** `target[key]` as a read finds it, looked up without running code: undefined when only a getter or a Proxy's trap could tell. */
function lookup(target: unknown, key: PropertyKey): { readonly value: unknown } | undefined {
  try {
    for (let o: object | null = Object(target) as object; o !== null; o = getPrototypeOf(o)) {
      // cowlens's own views run no code of the program's in their traps.
      if (isProxy(o) && !isView(o)) return undefined;
      const descriptor = getOwnPropertyDescriptor(o, key);
      if (descriptor !== undefined) return hasOwn(descriptor, 'value') ? { value: descriptor.value } : undefined;
    }
  } catch {
    // A module namespace's binding in its temporal dead zone: the program's read throws as it would.
    return undefined;
  }
  return { value: undefined };
}

/** How V8 names a value where it cannot quote the source (BuildDefaultCallSite): `number 5`, `string "a"`, `undefined`. */
function valueText(value: unknown): string {
  if (typeof value === 'string') return `string "${value.length <= 100 ? value : `${value.slice(0, 100)}<...>`}"`;
  if (value === null) return 'object null';
  if (typeof value === 'boolean' || typeof value === 'number') return `${typeof value} ${String(value)}`;
  return typeof value;
}

/** V8's words for a value that is not iterable where it cannot quote the source. */
export function notIterableByValue(value: unknown): string {
  return `${valueText(value)} is not iterable (cannot read property Symbol(Symbol.iterator))`;
}

function isCallable(value: unknown, optional: Optional): boolean {
  return typeof value === 'function' || (optional === 1 && (value === null || value === undefined));
}

/** A function that, called, throws the TypeError V8 throws for calling what is not a function, from its caller's frame. */
function failingCallee(message: GuardMessage, callee: unknown): () => never {
  const text = message === 0 ? `${valueText(callee)} is not a function` : message;
  const fail = (): never => {
    const error = new TypeError(text);
    Error.captureStackTrace(error, fail);
    throw error;
  };
  return fail;
}

/** `fn`, the callee of `fn(…)`; if it cannot be called, a function that fails as V8 does once the arguments are evaluated. */
export function called<F>(fn: F, message: GuardMessage, optional?: Optional): F {
  return isCallable(fn, optional) ? fn : (failingCallee(message, fn) as F);
}

/**
 * `target`, the receiver of `target[key](…)`; if its `key` cannot be called, an object whose
 * `key` fails as V8 does once the arguments are evaluated. A key that is an object is converted
 * by running its own code, and a null or undefined receiver fails as it would (or ends an optional chain).
 */
export function calledOn<T>(target: T, key: unknown, message: GuardMessage, optional?: Optional): T {
  if (target === null || target === undefined || isObject(key)) return target;
  const found = lookup(target, key as PropertyKey);
  if (found === undefined || isCallable(found.value, optional)) return target;
  return { [key as PropertyKey]: failingCallee(message, found.value) } as T;
}

/** `value`, iterated where it stands (`[0, ...value]`, `for (… of value)`): fails as V8 does if it is not iterable. */
export function iterated<T>(value: T, message: GuardMessage): T {
  if (value !== null && value !== undefined) {
    const found = lookup(value, Symbol.iterator);
    if (found === undefined || typeof found.value === 'function') return value;
  }
  const error = new TypeError(message === 0 ? notIterableByValue(value) : message);
  Error.captureStackTrace(error, iterated);
  throw error;
}
