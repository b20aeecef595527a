/**
 * `Function.prototype.toString` as plain Node gives it. The source V8 keeps of an instrumented
 * function is the instrumented text: a program that sends a function's source elsewhere (a worker
 * made from it, `new Function('return ' + fn)`, a browser page's `evaluate`) would run cowlens's
 * calls where there is no runtime. The replacement gives the source as written, read back from the
 * marks the instrumenter leaves around its edits (edit-marks.ts): nothing is kept per module, and a
 * function cowlens did not change costs one search of its text. It is itself indistinguishable
 * from the built-in (its own source, name, length, property, errors), as are the other functions
 * cowlens puts in the built-ins' place (`standsFor`).
 */
import { MARK_OPEN, unmarkEdits } from './edit-marks.js';
import { withoutOwnFrames } from './own-frames.js';
import { OwnWeakMap } from './captured-intrinsics.js';
import { Object, Reflect } from './captured-namespaces.js';

type ToString = (this: unknown) => string;

/** cowlens's replacements of built-ins, each with the built-in it stands for. */
const builtins = new OwnWeakMap<object, object>();

/** Has `replacement` read, through toString, as `original` does. */
export function standsFor<F extends object>(replacement: F, original: object): F {
  builtins.set(replacement, original);
  return replacement;
}

/** What `value` stands for: a replacement of a replacement (cow mode's postMessage under a worker's flush) reads as the built-in under both. */
function builtinFor(value: unknown): unknown {
  let original = value;
  for (let next = builtins.get(original as object); next !== undefined; next = builtins.get(next)) original = next;
  return original;
}

/**
 * Puts the replacement into this realm's `Function.prototype` (each realm evaluates this module
 * once: the main one and a jest test file's context). Returns what puts the built-in back.
 */
export function patchFunctionToString(): () => void {
  const proto = Function.prototype;
  const descriptor = Object.getOwnPropertyDescriptor(proto, 'toString');
  const builtin = descriptor?.value as ToString | undefined;
  if (descriptor === undefined || typeof builtin !== 'function' || builtins.has(builtin)) return () => undefined;
  // A method: like the built-in, no `prototype`, not a constructor, own keys `length` and `name`
  // only. Taken from its object on purpose: it runs with the receiver it is called on.
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const { toString } = {
    toString(this: unknown): string {
      let source: string;
      try {
        source = Reflect.apply(builtin, builtinFor(this), []);
      } catch (error) {
        // Not a function: the built-in's TypeError, raised in its frame, over the program's frames.
        throw withoutOwnFrames(error, toString);
      }
      return source.includes(MARK_OPEN) ? unmarkEdits(source) : source;
    },
  };
  standsFor(toString, builtin);
  // Frozen intrinsics (`--frozen-intrinsics`) keep the built-in: the program runs as it would.
  if (!Reflect.defineProperty(proto, 'toString', { ...descriptor, value: toString })) return () => undefined;
  return () => {
    if (proto.toString === toString) Object.defineProperty(proto, 'toString', descriptor);
  };
}
