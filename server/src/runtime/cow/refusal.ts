import { isProxy } from '../is-proxy.js';
import { raisedFor, withoutOwnFrames } from '../own-frames.js';
import { OwnSet } from '../captured-intrinsics.js';
import { Object, Reflect, Array } from '../captured-namespaces.js';

/**
 * A write a view refuses (it is frozen, sealed or not extensible, or the property is read-only)
 * must fail as it fails on a plain object: V8's own TypeError where the operation throws
 * (strict-mode code, and built-ins such as `push`, `Object.assign` or `Object.defineProperty`),
 * silently in sloppy-mode code, with `false` from `Reflect`. A trap that returns false would make
 * V8 throw its proxy message ("'set' on proxy: trap returned falsish") instead, and a trap cannot
 * know the mode of the code that wrote. So the trap looks at the frame that called it and, where
 * that frame would throw, runs the same operation on the view's plain target, whose failure is
 * V8's own error, raised over the program's frames. `trapName` names the trap of `handler` (the
 * view's) that V8 called.
 */
export function refuse(handler: { readonly proxy: object }, trapName: string, redo: () => unknown): false {
  // From the handler's class: a settled view's handler drops the traps it no longer needs.
  const trap = Reflect.get(Reflect.getPrototypeOf(handler) ?? handler, trapName) as (...args: never[]) => unknown;
  if (!callerThrows(trap)) return false;
  try {
    redo();
  } catch (error) {
    throw asTheCopysReceiver(withoutOwnFrames(error instanceof Error ? raisedFor(error) : error, trap), handler.proxy);
  }
  // The plain target took the write after all: V8's answer to the trap's false is the best left.
  return false;
}

/**
 * A built-in called on the view (`push`, `sort`, `fill`) shows in the trace by the name of its
 * receiver's class, which V8 gives a Proxy as `Proxy`: it is given the copy's, as V8 names it (the
 * `constructor` its prototype chain holds as data, else the kind of object), so that the frame
 * reads `at Array.push (<anonymous>)` as under plain Node.
 */
function asTheCopysReceiver(error: unknown, view: object): unknown {
  if (!(error instanceof Error) || !Object.prototype.hasOwnProperty.call(error, 'stack') || typeof error.stack !== 'string') return error;
  const lines = error.stack.split('\n');
  const first = lines.findIndex((line) => line.startsWith('    at '));
  const builtin = first === -1 ? null : /^ {4}at Proxy\.([^ ]+) \(<anonymous>\)$/.exec(lines[first]!);
  if (builtin === null) return error;
  lines[first] = `    at ${receiverName(view)}.${builtin[1]!} (<anonymous>)`;
  try {
    error.stack = lines.join('\n');
  } catch {
    // A frozen error keeps its stack as it is.
  }
  return error;
}

function receiverName(view: object): string {
  for (let o = Reflect.getPrototypeOf(view); o !== null && !isProxy(o); o = Reflect.getPrototypeOf(o)) {
    const descriptor = Reflect.getOwnPropertyDescriptor(o, 'constructor');
    if (descriptor === undefined) continue;
    const name: unknown = typeof descriptor.value === 'function' ? Reflect.getOwnPropertyDescriptor(descriptor.value, 'name')?.value : undefined;
    if (typeof name === 'string' && name !== '') return name;
    break;
  }
  return Array.isArray(view) ? 'Array' : 'Object';
}

/** Built-ins that answer a refused write with false rather than an error. */
const REFLECT_NAMES = new OwnSet(['set', 'deleteProperty', 'defineProperty', 'setPrototypeOf', 'preventExtensions']);

interface CallSite {
  getFileName(): string | null | undefined;
  isEval(): boolean;
  getTypeName(): string | null;
  getFunctionName(): string | null;
  getFunction(): unknown;
  getThis(): unknown;
}

/**
 * Whether the code that made `trap` run throws when the write fails. V8 hides a strict frame's
 * function and receiver from a stack trace (and those of every frame after one, which is why the
 * trap's own strict frames are left out of the trace, not just skipped over); a built-in has no
 * file. Unknown callers count as quiet: V8 then decides, with its proxy message.
 */
function callerThrows(trap: (...args: never[]) => unknown): boolean {
  const site = callerSite(trap);
  if (site === undefined) return false;
  if (site.getFileName() == null && !site.isEval()) {
    const typeName = site.getTypeName();
    // `Reflect.set(…)`, or an alias of it called bare: no receiver to name (Object's own are named `Function`).
    return !(typeName === 'Reflect' || (typeName === null && REFLECT_NAMES.has(site.getFunctionName() ?? '')));
  }
  return site.getFunction() === undefined && site.getThis() === undefined;
}

function callerSite(trap: (...args: never[]) => unknown): CallSite | undefined {
  // Put back exactly as found: a program may test whether Error has these properties at all.
  const prepare = Reflect.getOwnPropertyDescriptor(Error, 'prepareStackTrace');
  const limit = Reflect.getOwnPropertyDescriptor(Error, 'stackTraceLimit');
  try {
    Reflect.defineProperty(Error, 'prepareStackTrace', { value: (_: unknown, sites: CallSite[]) => sites, writable: true, configurable: true });
    Reflect.defineProperty(Error, 'stackTraceLimit', { value: 1, writable: true, enumerable: true, configurable: true });
    const holder: { stack?: unknown } = {};
    Error.captureStackTrace(holder, trap);
    const sites = holder.stack;
    return Array.isArray(sites) ? (sites[0] as CallSite | undefined) : undefined;
  } catch {
    return undefined;
  } finally {
    restore('prepareStackTrace', prepare);
    restore('stackTraceLimit', limit);
  }
}

function restore(key: string, descriptor: PropertyDescriptor | undefined): void {
  if (descriptor === undefined) Reflect.deleteProperty(Error, key);
  else Reflect.defineProperty(Error, key, descriptor);
}
