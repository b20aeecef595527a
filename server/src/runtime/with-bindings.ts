/**
 * Code in a `with` statement's body looks each name up on the with object first (its `has` trap,
 * then `Symbol.unscopables`, then `get`), and a sandbox Proxy would see cowlens's names, or answer
 * for them. The instrumenter declares block-scoped aliases of the module's bindings at the head
 * of the body (instrument/with-statements.ts), which are found before the with object is asked,
 * and whose initializer names nothing: it reads them from the prototype of BigInts, a literal's
 * (`0n.key`), through which hardly any program reads in a hot loop (each change of a prototype
 * costs the reads through it their caches). `withObject`, around the with object, is evaluated
 * outside the with scope and leaves them there, as an accessor that removes itself when read: it
 * exists only between the with expression and the body's first statement, where no code of the
 * program runs.
 *
 * With frozen intrinsics (`node --frozen-intrinsics`) the prototype takes no accessor, and a
 * module of another realm (jest's test contexts) reads another prototype: the initializer then
 * asks the runtime of its realm's global through a function made from text, whose body sees only
 * globals.
 */
import { Object, Reflect } from './captured-namespaces.js';

/** The property the body's head reads (instrument/module-bindings.ts). */
export const WITH_BINDINGS_KEY = '__cl$scope';
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

export function withObject<T>(value: T, i: unknown, s: unknown, l: unknown): T {
  // `with (null)` throws before the body runs: nothing must be left to read.
  if (value === null || value === undefined) return value;
  const bindings: WithBindings = Object.freeze({ __proto__: null, i, s, l } as WithBindings);
  pending = bindings;
  if (Object.getPrototypeOf(i) !== FUNCTION_PROTOTYPE) return value;
  Reflect.defineProperty(HOLDER, WITH_BINDINGS_KEY, {
    configurable: true,
    enumerable: false,
    get() {
      Reflect.deleteProperty(HOLDER, WITH_BINDINGS_KEY);
      pending = undefined;
      return bindings;
    },
  });
  return value;
}

/** The bindings `withObject` left, where the prototype took no accessor. */
export function withBindings(): WithBindings | undefined {
  const bindings = pending;
  pending = undefined;
  return bindings;
}
