import type { LocationId } from './figures/types.js';
import { withoutOwnFrames } from './own-frames.js';
import { builtinChangesNothing } from './unchanging-writes.js';
import { APPLIER, FIRST_ARGUMENT_WRITERS, INVOKERS, RECEIVER_READERS, RECEIVER_WRITERS } from './writing-builtins.js';
import { OwnMap } from './captured-intrinsics.js';

/**
 * The built-in functions that write into a value they are given, and those that call another
 * function with a receiver they are given (`call`, `apply`, `bind`, `Reflect.apply`). Instrumented
 * code hands the runtime the function a call invokes by these (`f.call(s, …)`, `Reflect.apply(f, s,
 * …)`) wherever it cannot tell that function from its text (`const push = [].push;
 * push.call(s, x)`); the runtime compares it with these by identity when the call runs. Map's and
 * Set's methods that only read are handed over alike: a view, which they cannot read, runs its own.
 */
const enum Writes {
  /** Writes its `this`: `Array.prototype.push`. */
  Receiver,
  /** Writes its first argument: `Object.assign`. */
  FirstArgument,
  /** Calls its `this` with a receiver and arguments it is given: `Function.prototype.call`. */
  Invoker,
  /** Calls its first argument: `Reflect.apply`. */
  Applier,
  /** Writes nothing: reads its `this`, a Map or a Set, which a view stands for (`Map.prototype.get`). */
  Nothing,
}

type AnyFunction = (...args: unknown[]) => unknown;

function methodsOf(owner: object, names: readonly string[]): AnyFunction[] {
  return names.map((name) => Reflect.get(owner, name) as unknown).filter((f): f is AnyFunction => typeof f === 'function');
}

const prototypes: Record<keyof typeof RECEIVER_WRITERS, object> = {
  Array: Array.prototype,
  Map: Map.prototype,
  Set: Set.prototype,
  TypedArray: Object.getPrototypeOf(Uint8Array.prototype) as object,
  Date: Date.prototype,
  Object: Object.prototype,
};
const namespaces: Record<keyof typeof FIRST_ARGUMENT_WRITERS, object> = { Object, Reflect, Atomics };
const sizeGetters = [Map.prototype, Set.prototype].map((proto): unknown => Reflect.getOwnPropertyDescriptor(proto, 'size')?.get).filter((f): f is AnyFunction => typeof f === 'function');

function entries<T extends string>(table: Record<T, readonly string[]>, owners: Record<T, object>, writes: Writes): (readonly [AnyFunction, Writes])[] {
  return (Object.keys(table) as T[]).flatMap((owner) => methodsOf(owners[owner], table[owner]).map((f) => [f, writes] as const));
}

/** The built-ins as the runtime found them when it loaded; a function the program puts in their place is its own code. */
const WRITERS = new OwnMap<unknown, Writes>([
  ...entries(RECEIVER_WRITERS, prototypes, Writes.Receiver),
  ...entries(FIRST_ARGUMENT_WRITERS, namespaces, Writes.FirstArgument),
  ...methodsOf(Function.prototype, INVOKERS).map((f) => [f, Writes.Invoker] as const),
  ...methodsOf(Reflect, [APPLIER.name]).map((f) => [f, Writes.Applier] as const),
  ...entries<keyof typeof RECEIVER_READERS>(RECEIVER_READERS, prototypes, Writes.Nothing),
  ...sizeGetters.map((f) => [f, Writes.Nothing] as const),
]);

/**
 * Stand-ins for those built-ins, one per built-in and write location: each tells the runtime of the
 * write (`touch`), unless the call changes nothing (see unchanging-writes.ts), right before it runs
 * the built-in on the same receiver and arguments, so the result, the errors and the frames they
 * show are the built-in's. A stand-in has the built-in's name and length and, like it, is no
 * constructor (it is a method), so what a program can see of a function it calls through `call`,
 * `apply` or binds is what it would see of the built-in.
 */
export function createBuiltinWriters(
  touch: (target: unknown, location: LocationId) => unknown,
  /** The method a view hands out in place of a built-in that cannot run on it (see collection-view.ts). */
  viewMethodFor: (receiver: unknown, builtin: AnyFunction) => AnyFunction | undefined,
): (fn: unknown, location: LocationId) => unknown {
  const standIns = new OwnMap<unknown, Map<LocationId, AnyFunction>>();

  const writer = (fn: unknown, location: LocationId): unknown => {
    const writes = WRITERS.get(fn);
    if (writes === undefined) return fn;
    let byLocation = standIns.get(fn);
    if (byLocation === undefined) standIns.set(fn, (byLocation = new OwnMap<LocationId, AnyFunction>()));
    let standIn = byLocation.get(location);
    if (standIn === undefined) byLocation.set(location, (standIn = standInFor(fn as AnyFunction, writes, location)));
    return standIn;
  };

  const standInFor = (builtin: AnyFunction, writes: Writes, location: LocationId): AnyFunction => {
    const run = (receiver: unknown, args: unknown[]): unknown => {
      switch (writes) {
        case Writes.Receiver:
          if (!builtinChangesNothing(builtin, receiver, args[0], args[1])) touch(receiver, location);
          return Reflect.apply(viewMethodFor(receiver, builtin) ?? builtin, receiver, args);
        case Writes.FirstArgument:
          touch(args[0], location);
          return Reflect.apply(builtin, receiver, args);
        case Writes.Invoker:
          return Reflect.apply(builtin, writer(receiver, location), args);
        case Writes.Applier:
          if (args.length > 0) args[0] = writer(args[0], location);
          return Reflect.apply(builtin, receiver, args);
        case Writes.Nothing:
          return Reflect.apply(viewMethodFor(receiver, builtin) ?? builtin, receiver, args);
      }
    };
    const name = builtin.name;
    const standIn = {
      [name](this: unknown, ...args: unknown[]): unknown {
        try {
          return run(this, args);
        } catch (error) {
          throw withoutOwnFrames(error, standIn);
        }
      },
    }[name]!;
    Object.defineProperty(standIn, 'length', { value: builtin.length });
    return standIn;
  };

  return writer;
}
