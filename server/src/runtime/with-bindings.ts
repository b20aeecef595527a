/**
 * Code in a `with` statement's body looks each name up on the with object first (its `has` trap,
 * then `Symbol.unscopables`, then `get`), and a sandbox Proxy would see cowlens's names, or answer
 * for them. The instrumenter declares block-scoped aliases of the module's bindings at the head
 * of the body (instrument/with-statements.ts), which are found before the with object is asked,
 * and whose initializer names nothing: it reads them through a literal, `0n.constructor`.
 * `withObject`, around the with object, is evaluated outside the with scope: it puts a taker of
 * the bindings in the place of BigInt's prototype's `constructor`, and the head calls it, which
 * puts the constructor back. The taker stands there only between the with expression and the
 * body's first statement, where no code of the program runs. A value changed and changed back
 * costs about 0.2 µs; an accessor added to the prototype and deleted cost 8–9 µs, every cache of
 * a read through the prototype lost each time.
 *
 * Where the `constructor` is not a writable value (frozen intrinsics, `node --frozen-intrinsics`),
 * or the module is of another realm (jest's test contexts), the head asks the runtime of its
 * realm's global instead, through a function made from text, whose body sees only globals.
 */
import { Object, Reflect } from './captured-namespaces.js';

/** The taker's method, which the body's head calls (instrument/module-bindings.ts). */
export const WITH_BINDINGS_KEY = '__cl$with';
const HOLDER = Object.getPrototypeOf(0n) as object;
/** The prototype of the functions of the runtime's realm, `__cl$i` among them when the module is of that realm. */
const FUNCTION_PROTOTYPE = Object.getPrototypeOf(withBindings) as object;

/** What the body's head destructures: the module's `__cl$i`, `__cl$s` and `__cl$l`. */
export interface WithBindings {
  readonly i: unknown;
  readonly s: unknown;
  readonly l: unknown;
}

let pending: WithBindings | undefined;
/** The `constructor` the taker stands in for. */
let constructor: unknown;

const TAKER = Object.freeze({
  __proto__: null,
  [WITH_BINDINGS_KEY]: (): WithBindings | undefined => {
    (HOLDER as { constructor: unknown }).constructor = constructor;
    constructor = undefined;
    return withBindings();
  },
});

export function withObject<T>(value: T, i: unknown, s: unknown, l: unknown): T {
  // `with (null)` throws before the body runs: nothing must be left to take.
  if (value === null || value === undefined) return value;
  pending = { __proto__: null, i, s, l } as WithBindings;
  if (Object.getPrototypeOf(i) !== FUNCTION_PROTOTYPE) return value;
  const found = Reflect.getOwnPropertyDescriptor(HOLDER, 'constructor');
  if (found === undefined || !('value' in found) || found.writable !== true) return value;
  constructor = found.value;
  (HOLDER as { constructor: unknown }).constructor = TAKER;
  return value;
}

/** The bindings `withObject` left, once. */
export function withBindings(): WithBindings | undefined {
  const bindings = pending;
  pending = undefined;
  return bindings;
}
