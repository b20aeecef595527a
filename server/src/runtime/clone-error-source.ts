/**
 * A value that holds a function cannot be cloned, and V8 says so by the function's source
 * (`() => {…} could not be cloned.`), which it reads itself, not through Function.prototype.toString:
 * for an instrumented function, the instrumented text. When a copy cowlens makes for the program
 * (`structuredClone`, `postMessage`) fails so, the error is given again with the source as written.
 */
import { isProxy } from './is-proxy.js';
import { MARK_OPEN, unmarkEdits } from './edit-marks.js';
import { anyViewMade, toPlain } from './cow/node-view.js';
import { builtinMap, builtinSet, OwnSet } from './captured-intrinsics.js';
import { Object, Reflect } from './captured-namespaces.js';

/** Read before function-source.ts replaces it (the runtime loads first): the source as V8 keeps it. */
const sourceOf = Object.getOwnPropertyDescriptor(Function.prototype, 'toString')?.value as (this: unknown) => string;
const NOT_CLONED = ' could not be cloned.';
const OMITTED = '...<omitted>...';
/** How much of the value is searched for the function, at most. */
const MAX_VISITS = 10_000;

/** `error`, or, when it is V8's DataCloneError about an instrumented function of `roots`, the same error quoting its source as written. */
export function cloneErrorAsWritten(error: unknown, roots: readonly unknown[]): unknown {
  if (!(error instanceof Error) || error.name !== 'DataCloneError' || !error.message.endsWith(NOT_CLONED)) return error;
  // The marks, or a source cut short: its marks may lie in the part left out.
  if (!error.message.includes(MARK_OPEN) && !error.message.includes(OMITTED)) return error;
  const quoted = error.message.slice(0, -NOT_CLONED.length);
  // A source quoted whole holds its own marks: the function need not be found (a getter may hand it to the clone).
  const source = quoted.includes(OMITTED) ? sourceFound(roots, quoted) : quoted;
  if (source === undefined) return error;
  const message = `${asV8Quotes(unmarkEdits(source))}${NOT_CLONED}`;
  if (message === error.message) return error;
  const Constructor = error.constructor as new (message: string, name: string) => Error;
  const plain = new Constructor(message, error.name);
  // The frames are those the error was raised with.
  const header = `${error.name}: ${error.message}`;
  if (typeof error.stack === 'string' && error.stack.startsWith(header)) plain.stack = `${error.name}: ${message}${error.stack.slice(header.length)}`;
  return plain;
}

/** The source of the function of `roots` whose source V8 quotes, cut short, as `quoted`; views are read as what they show. */
function sourceFound(roots: readonly unknown[], quoted: string): string | undefined {
  const fn = findFunction(anyViewMade() ? roots.map((root) => toPlain(root)) : roots, (f) => asV8Quotes(Reflect.apply(sourceOf, f, [])) === quoted);
  return fn === undefined ? undefined : Reflect.apply(sourceOf, fn, []);
}

/** A function's source as V8 puts it into a message: past 128 characters, its first 111 and last 2. */
function asV8Quotes(source: string): string {
  return source.length > 128 ? `${source.slice(0, 111)}${OMITTED}${source.slice(-2)}` : source;
}

/** The first function `matches` accepts among the data that `roots` hold, read without running the program's code (getters, a Proxy's traps). */
function findFunction(roots: readonly unknown[], matches: (fn: object) => boolean): object | undefined {
  const seen = new OwnSet<unknown>();
  const queue = [...roots];
  for (let i = 0; i < queue.length && seen.size < MAX_VISITS; i++) {
    const value = queue[i];
    if ((typeof value !== 'object' && typeof value !== 'function') || value === null || seen.has(value) || isProxy(value)) continue;
    seen.add(value);
    if (typeof value === 'function') {
      if (matches(value)) return value;
      continue;
    }
    if (value instanceof Map) for (const [k, v] of builtinMap.entries(value)) queue.push(k, v);
    else if (value instanceof Set) for (const v of builtinSet.values(value)) queue.push(v);
    for (const key of Reflect.ownKeys(value)) {
      const descriptor = Reflect.getOwnPropertyDescriptor(value, key);
      if (descriptor !== undefined && Object.hasOwn(descriptor, 'value')) queue.push(descriptor.value);
    }
  }
  return undefined;
}
