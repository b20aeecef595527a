import { raisedFor, withoutOwnFrames } from '../own-frames.js';

/**
 * A write a view refuses (it is frozen, sealed or not extensible, or the property is read-only)
 * must fail as it fails on a plain object: V8's own TypeError where the operation throws
 * (strict-mode code, and built-ins such as `push`, `Object.assign` or `Object.defineProperty`),
 * silently in sloppy-mode code, with `false` from `Reflect`. A trap that returns false would make
 * V8 throw its proxy message ("'set' on proxy: trap returned falsish") instead, and a trap cannot
 * know the mode of the code that wrote. So the trap looks at the frame that called it and, where
 * that frame would throw, runs the same operation on the view's plain target, whose failure is
 * V8's own error, raised over the program's frames. `trapName` names the trap of `handlerClass`
 * that V8 called.
 */
export function refuse(handlerClass: { prototype: object }, trapName: string, redo: () => unknown): false {
  const trap = Reflect.get(handlerClass.prototype, trapName) as (...args: never[]) => unknown;
  if (!callerThrows(trap)) return false;
  try {
    redo();
  } catch (error) {
    throw withoutOwnFrames(error instanceof Error ? raisedFor(error) : error, trap);
  }
  // The plain target took the write after all: V8's answer to the trap's false is the best left.
  return false;
}

/** Built-ins that answer a refused write with false rather than an error. */
const REFLECT_NAMES = new Set(['set', 'deleteProperty', 'defineProperty', 'setPrototypeOf', 'preventExtensions']);

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
