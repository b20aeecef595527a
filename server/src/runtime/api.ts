import type { GuardMessage, Optional } from './call-guards.js';
import type { CopyKind } from './copy-kinds.js';
import type { LocationId, SiteId } from './figures/types.js';

export type RunMode = 'observe' | 'cow';

/** The options of the global `structuredClone`. */
export interface StructuredCloneOptions {
  readonly transfer?: readonly unknown[];
}

/**
 * What instrumented code calls. The instrumenter rewrites each copy site into one of the copy
 * methods (registering the site once with `site`) and each write of instrumented code into
 * `touch`, `wrote`, `hold` and `release` (with `settle`, `carry`), `wroteCall`, `touchCall`,
 * `touchDelete` or `writer` (registering its location once with `location`), an optional chain
 * cut before a write in it through `chainStops` and `chainHead`. Every method keeps
 * the semantics of the code it replaces: same result, same exceptions, same order of side effects.
 */
export interface CowlensRuntime {
  readonly mode: RunMode;

  site(file: string, line: number, column: number, kind: CopyKind): SiteId;
  location(file: string, line: number, column: number): LocationId;
  /**
   * Registers a module's sites at once: `flat` holds line, column and kind of each, in turn;
   * `failures`, for some, the message V8 gives when the copy fails for its operand's type.
   */
  sites(file: string, flat: readonly (number | CopyKind)[], failures?: readonly (string | 0)[]): SiteId[];
  /** Registers a module's write locations at once: `flat` holds line and column of each, in turn. */
  locations(file: string, flat: readonly number[]): LocationId[];

  /** `{ ...source }` */
  objectSpread(site: SiteId, source: unknown): object;
  /** The source of an object rest, checked before the pattern reads it: null and undefined fail as V8 says it. */
  restSource<T>(site: SiteId, value: T): T;
  /** `const { a, b, ...rest } = source`: `excluded` are the keys named before the rest. */
  objectRest(site: SiteId, source: unknown, excluded: readonly PropertyKey[]): object;
  /** `[...source]` */
  arraySpread(site: SiteId, source: Iterable<unknown>): unknown[];
  /** `target.slice(...args)`, whatever target is: only arrays count as copies. */
  slice(site: SiteId, target: unknown, ...args: unknown[]): unknown;
  /** `target.concat(...args)`, whatever target is: only arrays count as copies. */
  concat(site: SiteId, target: unknown, ...args: unknown[]): unknown;
  /** `Array.from(source, mapFn?, thisArg?)` */
  arrayFrom(site: SiteId, source: unknown, mapFn?: (v: unknown, i: number) => unknown, thisArg?: unknown): unknown[];
  /** `Object.assign(target, ...sources)` where `target` is a fresh `{}` or `Object.create(p)`. */
  assign(site: SiteId, target: object, ...sources: unknown[]): object;
  /** `structuredClone(value, options)` */
  structuredClone<T>(site: SiteId, value: T, options?: StructuredCloneOptions): T;
  /** `JSON.parse(JSON.stringify(value))` */
  jsonRoundTrip(site: SiteId, value: unknown): unknown;
  /** `new Map(source)` */
  newMap(site: SiteId, source?: Iterable<readonly [unknown, unknown]> | null): Map<unknown, unknown>;
  /** `new Set(source)` */
  newSet(site: SiteId, source?: Iterable<unknown> | null): Set<unknown>;
  /** `new Ctor(source)` for a typed-array constructor, or `typed.slice()` */
  typedArrayCopy<T extends ArrayBufferView>(site: SiteId, ctor: new (source: T) => T, source: T): T;
  /** `Buffer.from(source)` for a Buffer or Uint8Array source */
  bufferCopy(site: SiteId, source: Uint8Array): Buffer;
  /** `clone(value)` / `cloneDeep(value)` of lodash: `fn` is the user's own function. */
  lodashClone(site: SiteId, fn: (value: unknown) => unknown, value: unknown): unknown;
  lodashCloneDeep(site: SiteId, fn: (value: unknown) => unknown, value: unknown): unknown;
  /** `port.postMessage(message, transfer)` on a Worker, MessagePort or BroadcastChannel */
  postMessage(site: SiteId, port: { postMessage(message: unknown, transfer?: unknown): void }, message: unknown, transfer?: unknown): void;
  /**
   * A copy the program makes together with writes, as written (`{ ...s, k: v }`, `[...a, x]`):
   * it is written at once, counted as materialized where it is made, and saves nothing. Returns `result`.
   */
  writtenAtOnce<T>(site: SiteId, source: unknown, result: T): T;
  /** `writtenAtOnce` of an object literal that defines getters or setters, none of which may run. */
  writtenAtOnceWithAccessors<T>(site: SiteId, source: unknown, result: T): T;

  /** `target[key] = value`; returns `value` like the assignment expression. */
  set<T>(target: unknown, key: PropertyKey, value: T, location: LocationId): T;
  /** `delete target[key]` */
  del(target: unknown, key: PropertyKey, location: LocationId): boolean;
  /**
   * Before code writes into `target` by other means than an assignment (a mutating method such
   * as `push` or `Map#set`, `Object.assign(target, …)`, `Object.defineProperty`): returns target.
   */
  touch<T>(target: T, location: LocationId): T;
  /**
   * `value`, on its way into a write to `target` (`target.k = value`, `target.push(…, value)`):
   * as `touch`, at the last moment before the write. Returns `value`.
   */
  wrote<T>(value: T, target: unknown, location: LocationId): T;
  /**
   * `target`, the object of a write that cannot read it again once the write's value is evaluated
   * (`getO().k = v`): kept until `release` at the same location, where the runtime is told of the
   * write (see held-writes.ts). Returns target.
   */
  hold<T>(target: T, location: LocationId): T;
  /**
   * `value`, the last the write held at `location` evaluates before it writes (its value, or its
   * computed key): as `touch` of the held object, at the last moment before the write. `settles`
   * (1): the write also passes through `settle` (a logical assignment, which may leave its value
   * unevaluated). Returns `value`.
   */
  release<T>(value: T, location: LocationId, settles?: 1): T;
  /** `result`, of a logical assignment whose object was held at `location`: the runtime forgets it. Returns `result`. */
  settle<T>(result: T, location: LocationId): T;
  /**
   * `target`, as it is put in a variable that carries it to the write's value across an `await` or
   * a `yield` (`carry(t = getO()).k = wrote(await f(), t, l)`): nothing is done. Returns target.
   */
  carry<T>(target: T): T;
  /**
   * `head`, the value before the `?.` of an optional chain cut before a write in it (`a?.b.push(x)`
   * → `(chainStops(a) ? void 0 : touch(chainHead().b, l).push(x))`): kept for `chainHead`, which
   * the code after the cut calls before anything else runs. Returns whether the chain stops there
   * (`head` is null or undefined).
   */
  chainStops(head: unknown): boolean;
  /** The head `chainStops` kept, handed over once. */
  chainHead(): unknown;
  /**
   * `value`, the last argument of a call of `target`'s method `method` (`m.delete(k)`, `m.set(k,
   * v)`), on its way into the call; `earlier`, the arguments before it, read again (names nothing
   * reassigns, literals). As `wrote`, unless the call changes nothing: a built-in of Map, Set,
   * WeakMap or WeakSet deleting what is absent, adding what is present, setting a key to the value
   * it holds (see unchanging-writes.ts) writes nothing. Returns `value`.
   */
  wroteCall<T>(value: T, target: unknown, location: LocationId, method: string, ...earlier: unknown[]): T;
  /**
   * `target`, about to receive the call `target.method(...args)`, whose arguments are read here
   * first (literals, and names that are no longer in their temporal dead zone: reading them runs
   * nothing). As `touch`, unless the call changes nothing (see `wroteCall`). Returns target.
   */
  touchCall<T>(target: T, location: LocationId, method: string, ...args: unknown[]): T;
  /**
   * `target`, about to lose its property `key` (`delete target.key`, `delete target[key]`), the
   * key read here first as `touchCall` reads arguments. As `touch`, unless target has no own
   * property `key`: deleting that changes nothing (see unchanging-writes.ts). Returns target.
   */
  touchDelete<T>(target: T, location: LocationId, key: unknown): T;
  /**
   * The function a call invokes by `fn.call(…)`, `fn.apply(…)`, `fn.bind(…)` or `Reflect.apply(fn,
   * …)`: when `fn` is a built-in that writes into a value it is given (`Array.prototype.push`,
   * `Object.assign`) or calls another with a receiver (`Function.prototype.call`), a stand-in that
   * runs it after `touch` of what it writes; when `fn` is one of Map's or Set's methods that only
   * read (`Map.prototype.get`), a stand-in that runs a view's own method on a view; else `fn` itself.
   */
  writer<F>(fn: F, location: LocationId): F;
  /**
   * The callee of `fn(…)` where V8's message for a failed call would quote cowlens's calls
   * (call-guards.ts): `fn`, or, if it cannot be called, a function that throws V8's TypeError for
   * the code as written, `message`. `optional`: the call is `fn?.(…)`.
   */
  called<F>(fn: F, message: GuardMessage, optional?: Optional): F;
  /** The receiver of `target[key](…)`, likewise: `target`, or one whose `key` throws `message` when called. */
  calledOn<T>(target: T, key: unknown, message: GuardMessage, optional?: Optional): T;
  /** `value`, iterated where it stands (`[0, ...value]`, `for (… of value)`): throws `message` if it is not iterable. */
  iterated<T>(value: T, message: GuardMessage): T;
  /**
   * The function to call in place of `fn`, an alias of a built-in that copies (`assign` after
   * `const { assign } = Object`): the site's copy method when `fn` is that built-in when the call
   * runs, else `fn` itself.
   */
  viaCallee<F>(site: SiteId, fn: F): F;
  /**
   * Before code hands `value` to code that is not instrumented (a package), which may write it
   * where cowlens cannot see: copies sharing it, or anything it holds, get their own images now.
   * Returns `value`.
   */
  lend<T>(value: T, location: LocationId): T;
  /** `lend` of each of `values`, made before a call that hands them over as written. Returns true. */
  lent(location: LocationId, ...values: unknown[]): true;
  /**
   * The package call at `location`, whose arguments were lent, returned `value`: what it was handed
   * is lent no more, unless `value` is a thenable (an async package may write it later), and the
   * images taken for it are counted only where the package changed what it was handed. Returns `value`.
   */
  returned<T>(value: T, location: LocationId): T;
  /**
   * `returned`, told in a statement after the one that made the call: `value` is what that
   * statement kept of the call's value (the variable it declared), none when it dropped it.
   * Returns true.
   */
  callReturned(location: LocationId, value?: unknown): true;
  /**
   * `value`, on its way to be the target of a Proxy the program makes (`new Proxy(value, h)`,
   * `Proxy.revocable(value, h)`): V8 writes the target itself for every trap the handler lacks,
   * where cowlens cannot see, so it is lent as to a package, the call into one aside. Returns `value`.
   */
  proxied<T>(value: T, location: LocationId): T;
  /**
   * The object of a `with` statement whose body uses cowlens's names (`with (withObject(o, __cl$i,
   * __cl$s, __cl$l))`): leaves the module's bindings where the body's head reads them without
   * naming anything (with-bindings.ts). Returns `value`.
   */
  withObject<T>(value: T, i: unknown, s: unknown, l: unknown): T;
  /** The bindings `withObject` left, for a body's head that could not read them where they were left. */
  withBindings(): unknown;
}
