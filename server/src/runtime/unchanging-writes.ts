import { types } from 'node:util';
import { isProxy } from './is-proxy.js';
import { OwnMap } from './captured-intrinsics.js';
import { Object, Reflect } from './captured-namespaces.js';

/**
 * Writes that change nothing: calls of the keyed collections' methods deleting a missing key or
 * member, `set` of the value a key holds already, `add` of a present member, `clear` of an empty
 * one; and `delete o.k` where `o` has no own `k`. Such a write is none: it forces no copy and is
 * no copy point.
 *
 * Each answer is the built-in's own: keys by SameValueZero, through the real `has`, and values by
 * SameValue (`set(k, -0)` over `+0` changes what `get(k)` gives). The question runs no code of the
 * program's: the collection is no Proxy, and the method reached is found by own descriptors, so
 * no getter or trap runs; a Proxy or an accessor on the way, a replaced method, a receiver without
 * the collection's internal slot: each is answered "it may write", and the call counts as it did.
 */

type Method = (this: unknown, ...args: unknown[]) => unknown;

/** Taken at load: the program may replace `Object.hasOwn`. */
const hasOwn = Object.hasOwn;

const enum Change {
  /** Deletes its argument: nothing when it is absent. */
  Delete,
  /** Adds its argument: nothing when it is present. */
  Add,
  /** Sets its first argument to its second: nothing when the key holds that value. */
  Set,
  /** Empties the collection: nothing when it is empty. */
  Clear,
}

/** A collection's built-ins that answer the question, each called with the receiver first. */
interface Collection {
  readonly has: (target: unknown, key: unknown) => boolean;
  readonly get?: (target: unknown, key: unknown) => unknown;
  readonly size?: (target: unknown) => number;
}

/** A built-in method as the runtime found it when it loaded; a function the program puts in its place is its own code. */
const builtin = (owner: object, name: string): Method => Reflect.get(owner, name) as Method;

/** `fn`, called with its receiver first: `Reflect.apply` would make an array at each call. */
const withReceiver = (fn: Method): ((target: unknown, key?: unknown) => unknown) => Function.prototype.call.bind(fn);

const collection = (proto: object, get: boolean): Collection => ({
  has: withReceiver(builtin(proto, 'has')) as Collection['has'],
  ...(get ? { get: withReceiver(builtin(proto, 'get')) } : {}),
  ...(hasOwn(proto, 'size') ? { size: withReceiver(Reflect.getOwnPropertyDescriptor(proto, 'size')!.get as Method) as NonNullable<Collection['size']> } : {}),
});

const MAP = collection(Map.prototype, true);
const SET = collection(Set.prototype, false);
const WEAK_MAP = collection(WeakMap.prototype, true);
const WEAK_SET = collection(WeakSet.prototype, false);

/** The standard prototypes, the collection each stands for, and its methods that may change nothing, by name. */
const STANDARD = new OwnMap(
  (
    [
      [Map.prototype, MAP, { delete: Change.Delete, set: Change.Set, clear: Change.Clear }],
      [Set.prototype, SET, { delete: Change.Delete, add: Change.Add, clear: Change.Clear }],
      [WeakMap.prototype, WEAK_MAP, { delete: Change.Delete, set: Change.Set }],
      [WeakSet.prototype, WEAK_SET, { delete: Change.Delete, add: Change.Add }],
    ] as const
  ).map(([proto, of, changes]) => [proto as object, { of, methods: new OwnMap(Object.entries(changes).map(([name, change]) => [name, { change, fn: builtin(proto, name) }])) }]),
);

/** The same built-ins by identity. */
const METHODS = new OwnMap<unknown, { readonly change: Change; readonly of: Collection }>(
  [...STANDARD.values()].flatMap(({ of, methods }) => [...methods.values()].map(({ change, fn }) => [fn, { change, of }] as const)),
);

/** Whether running the built-in `method` on `target` with `a` and `b` (its arguments) changes nothing, by the built-in's own semantics. */
export function builtinChangesNothing(method: unknown, target: unknown, a: unknown, b: unknown): boolean {
  const known = METHODS.get(method);
  return known !== undefined && !isProxy(target) && unchanged(known.change, known.of, target, a, b);
}

/** What the built-in of `change` would leave as it is, asked with as few calls as can tell. */
function unchanged(change: Change, of: Collection, target: unknown, a: unknown, b: unknown): boolean {
  try {
    switch (change) {
      case Change.Delete:
        return !of.has(target, a);
      case Change.Add:
        return of.has(target, a);
      case Change.Set: {
        const held = of.get!(target, a);
        return Object.is(held, b) && (held !== undefined || of.has(target, a));
      }
      case Change.Clear:
        return of.size !== undefined && of.size(target) === 0;
    }
  } catch {
    // A receiver without the collection's internal slot: the built-in throws, and so will the call.
    return false;
  }
}

/**
 * Whether the call `target[name](a, b)` about to run changes nothing: `target[name]` is a built-in
 * of the keyed collections (found without running code) and `builtinChangesNothing` says so. A
 * collection on its standard prototype (the case that matters) is asked what the call would do
 * first, and only a call that would change nothing has its method looked up, so that a real write
 * pays the fewest questions.
 */
export function callChangesNothing(target: unknown, name: string, a: unknown, b: unknown): boolean {
  if (typeof target !== 'object' || target === null || isProxy(target)) return false;
  const proto = Reflect.getPrototypeOf(target);
  const standard = proto === null ? undefined : STANDARD.get(proto);
  if (standard === undefined) return builtinChangesNothing(dataMethod(target, name), target, a, b);
  const method = standard.methods.get(name);
  if (method === undefined || !unchanged(method.change, standard.of, target, a, b)) return false;
  return !hasOwn(target, name) && ownDataValue(proto!, name) === method.fn;
}

/** What `target[name]` reads when that runs no code: a data property up the prototype chain, no Proxy on the way. */
function dataMethod(target: object, name: string): unknown {
  for (let o: object | null = target; o !== null; o = Reflect.getPrototypeOf(o)) {
    if (isProxy(o)) return undefined;
    if (hasOwn(o, name)) return ownDataValue(o, name);
  }
  return undefined;
}

function ownDataValue(o: object, name: string): unknown {
  const d = Reflect.getOwnPropertyDescriptor(o, name);
  return d !== undefined && hasOwn(d, 'value') ? d.value : undefined;
}

/**
 * Whether `delete target[key]` about to run changes nothing: `target` has no own property `key`
 * (the language's delete then returns true and touches nothing, frozen or not). Asked only of an
 * object that is no Proxy and no module namespace (whose exports in their temporal dead zone throw
 * when looked at), with a key that is no object, whose conversion to a property key runs nothing.
 */
export function deleteChangesNothing(target: unknown, key: unknown): boolean {
  if (typeof target !== 'object' || target === null || isProxy(target) || types.isModuleNamespaceObject(target)) return false;
  if ((typeof key === 'object' && key !== null) || typeof key === 'function') return false;
  return !hasOwn(target, key as PropertyKey);
}
