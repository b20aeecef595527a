import type { LocationId } from './figures/types.js';
import { withoutOwnFrames } from './own-frames.js';
import { builtinChangesNothing } from './unchanging-writes.js';

/**
 * The built-in functions that write into a value they are given, and those that call another
 * function with a receiver they are given (`call`, `apply`, `bind`, `Reflect.apply`). Instrumented
 * code hands the runtime the function a call invokes by these (`f.call(s, …)`, `Reflect.apply(f, s,
 * …)`) wherever it cannot tell that function from its text (`const push = [].push;
 * push.call(s, x)`); the runtime compares it with these by identity when the call runs.
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
}

type AnyFunction = (...args: unknown[]) => unknown;

function methodsOf(owner: object, names: readonly string[]): AnyFunction[] {
  return names.map((name) => Reflect.get(owner, name) as unknown).filter((f): f is AnyFunction => typeof f === 'function');
}

const typedArrayPrototype = Object.getPrototypeOf(Uint8Array.prototype) as object;
const dateSetters = Object.getOwnPropertyNames(Date.prototype).filter((name) => name.startsWith('set'));

/** The built-ins as the runtime found them when it loaded; a function the program puts in their place is its own code. */
const WRITERS = new Map<unknown, Writes>([
  ...methodsOf(Array.prototype, ['push', 'pop', 'shift', 'unshift', 'splice', 'sort', 'reverse', 'fill', 'copyWithin']).map((f) => [f, Writes.Receiver] as const),
  ...methodsOf(Map.prototype, ['set', 'delete', 'clear']).map((f) => [f, Writes.Receiver] as const),
  ...methodsOf(Set.prototype, ['add', 'delete', 'clear']).map((f) => [f, Writes.Receiver] as const),
  ...methodsOf(typedArrayPrototype, ['set', 'fill', 'sort', 'reverse', 'copyWithin']).map((f) => [f, Writes.Receiver] as const),
  ...methodsOf(Date.prototype, dateSetters).map((f) => [f, Writes.Receiver] as const),
  ...methodsOf(Object.prototype, ['__defineGetter__', '__defineSetter__']).map((f) => [f, Writes.Receiver] as const),
  ...methodsOf(Object, ['assign', 'defineProperty', 'defineProperties', 'setPrototypeOf', 'freeze', 'seal', 'preventExtensions']).map((f) => [f, Writes.FirstArgument] as const),
  ...methodsOf(Reflect, ['set', 'deleteProperty', 'defineProperty', 'setPrototypeOf', 'preventExtensions']).map((f) => [f, Writes.FirstArgument] as const),
  ...methodsOf(Atomics, ['store', 'add', 'sub', 'and', 'or', 'xor', 'exchange', 'compareExchange']).map((f) => [f, Writes.FirstArgument] as const),
  ...methodsOf(Function.prototype, ['call', 'apply', 'bind']).map((f) => [f, Writes.Invoker] as const),
  ...methodsOf(Reflect, ['apply']).map((f) => [f, Writes.Applier] as const),
]);

/**
 * Stand-ins for those built-ins, one per built-in and write location: each tells the runtime of the
 * write (`touch`), unless the call changes nothing (see unchanging-writes.ts), right before it runs
 * the built-in on the same receiver and arguments, so the result, the errors and the frames they
 * show are the built-in's. A stand-in has the built-in's name and length and, like it, is no
 * constructor (it is a method), so what a program can see of a function it calls through `call`,
 * `apply` or binds is what it would see of the built-in.
 */
export function createBuiltinWriters(touch: (target: unknown, location: LocationId) => unknown): (fn: unknown, location: LocationId) => unknown {
  const standIns = new Map<unknown, Map<LocationId, AnyFunction>>();

  const writer = (fn: unknown, location: LocationId): unknown => {
    const writes = WRITERS.get(fn);
    if (writes === undefined) return fn;
    let byLocation = standIns.get(fn);
    if (byLocation === undefined) standIns.set(fn, (byLocation = new Map<LocationId, AnyFunction>()));
    let standIn = byLocation.get(location);
    if (standIn === undefined) byLocation.set(location, (standIn = standInFor(fn as AnyFunction, writes, location)));
    return standIn;
  };

  const standInFor = (builtin: AnyFunction, writes: Writes, location: LocationId): AnyFunction => {
    const run = (receiver: unknown, args: unknown[]): unknown => {
      switch (writes) {
        case Writes.Receiver:
          if (!builtinChangesNothing(builtin, receiver, args[0], args[1])) touch(receiver, location);
          return Reflect.apply(builtin, receiver, args);
        case Writes.FirstArgument:
          touch(args[0], location);
          return Reflect.apply(builtin, receiver, args);
        case Writes.Invoker:
          return Reflect.apply(builtin, writer(receiver, location), args);
        case Writes.Applier:
          if (args.length > 0) args[0] = writer(args[0], location);
          return Reflect.apply(builtin, receiver, args);
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
