/**
 * The built-ins that write into a value they are given, by name. One table for both sides of a
 * write: the instrumenter passes to the runtime the receivers and arguments of calls that may reach
 * one of these, by the name the call is written with (instrument/write-targets.ts); the runtime
 * tells the functions themselves apart by identity when a call runs (builtin-writers.ts). A write
 * the runtime knows is thus always one the instrumenter hands it.
 */

const DATE_UNITS = ['Time', 'Milliseconds', 'Seconds', 'Minutes', 'Hours', 'Date', 'Month', 'FullYear'];

/** Methods that write into their `this`, by the prototype that holds them. */
export const RECEIVER_WRITERS = {
  Array: ['push', 'pop', 'shift', 'unshift', 'splice', 'sort', 'reverse', 'fill', 'copyWithin'],
  Map: ['set', 'delete', 'clear'],
  Set: ['add', 'delete', 'clear'],
  TypedArray: ['set', 'fill', 'sort', 'reverse', 'copyWithin'],
  Date: [...DATE_UNITS.flatMap((unit) => [`set${unit}`, `setUTC${unit}`]), 'setYear'],
  Object: ['__defineGetter__', '__defineSetter__'],
} as const satisfies Record<string, readonly string[]>;

/**
 * Methods of Map and Set that only read their `this`, by the prototype that holds them. A view of
 * a Map or a Set is a Proxy, which lacks the internal slots they need: the function of a call that
 * hands one of these a receiver (`Map.prototype.get.call(view, k)`) passes through the runtime as
 * a writer's does, which runs the view's own method on a view. `get` names the `size` getter too
 * (`Object.getOwnPropertyDescriptor(Map.prototype, 'size').get.call(view)`), and `[Symbol.iterator]`
 * is a computed name, which any method may have.
 */
export const RECEIVER_READERS = {
  Map: ['get', 'has', 'forEach', 'entries', 'keys', 'values'],
  Set: ['has', 'forEach', 'entries', 'keys', 'values'],
} as const satisfies Record<string, readonly string[]>;

/** Functions that write into their first argument, by the global namespace that holds them. */
export const FIRST_ARGUMENT_WRITERS = {
  Object: ['assign', 'defineProperty', 'defineProperties', 'setPrototypeOf', 'freeze', 'seal', 'preventExtensions'],
  Reflect: ['set', 'deleteProperty', 'defineProperty', 'setPrototypeOf', 'preventExtensions'],
  Atomics: ['store', 'add', 'sub', 'and', 'or', 'xor', 'exchange', 'compareExchange'],
} as const satisfies Record<string, readonly string[]>;

/** The methods of every function that call it with a receiver they are given. */
export const INVOKERS = ['call', 'apply', 'bind'] as const;

/** `Reflect.apply`: calls its first argument with a receiver it is given. */
export const APPLIER = { owner: 'Reflect', name: 'apply' } as const;
