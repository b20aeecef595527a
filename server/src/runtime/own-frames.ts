import { builtinArray, OwnWeakSet } from './captured-intrinsics.js';
import { Array, Object, Reflect } from './captured-namespaces.js';

/**
 * Errors that reach the program through the runtime show the program's frames only, as they would
 * without cowlens: a copy the runtime makes for `new Map(x)` or `[...x]` runs under its own frames,
 * and the error a bad `x` raises there must not show them. An error cowlens itself raised by
 * mistake keeps them, so that the run can say cowlens failed. Every file of cowlens lies below
 * one folder, the one its `server` package is in, source-mapped or not, bundled or not.
 */

/** The folder of cowlens's server package, as a stack trace prints it: a path and a file URL. */
function ownRoots(): readonly string[] {
  const frame = new Error().stack?.split('\n').find((line) => line.trimStart().startsWith('at '));
  const location = frame === undefined ? undefined : /\(?((?:file:\/\/)?\/[^():]+|[A-Za-z]:\\[^():]+):\d+:\d+\)?\s*$/.exec(frame)?.[1];
  if (location === undefined) return [];
  const path = location.startsWith('file://') ? decodeURIComponent(location.slice('file://'.length)) : location;
  const separator = path.includes('\\') ? '\\' : '/';
  const marker = `${separator}server${separator}`;
  const at = path.lastIndexOf(marker);
  if (at === -1) return [];
  const root = path.slice(0, at + marker.length);
  return [root, `file://${encodeURI(root.replace(/\\/g, '/'))}`];
}

const ROOTS = ownRoots();

const isFrame = (line: string): boolean => line.startsWith('    at ');

function isOwnFrame(line: string): boolean {
  if (!isFrame(line)) return false;
  for (let i = 0; i < ROOTS.length; i++) if (line.includes(ROOTS[i]!)) return true;
  return false;
}

/** Errors the runtime raises on purpose, as the operation it stands for would: `x is not iterable`. */
const deliberate = new OwnWeakSet<object>();

export function raisedFor<E extends Error>(error: E): E {
  deliberate.add(error);
  return error;
}

// eslint-disable-next-line @typescript-eslint/unbound-method -- V8's captureStackTrace reads no `this`
const { captureStackTrace } = Error;

/** What of V8's CallSite this module reads; the program's prepareStackTrace gets the CallSites themselves. */
interface CallSite {
  getFileName(): string | null | undefined;
}

/** A CallSite of cowlens's own code. */
function isOwnSite(site: CallSite): boolean {
  const file = site.getFileName();
  if (typeof file !== 'string') return false;
  for (let i = 0; i < ROOTS.length; i++) if (file.startsWith(ROOTS[i]!)) return true;
  return false;
}

/** The program's own `Error.prepareStackTrace`, if it set one (source-map-support, callsites, depd, Sentry). */
function programsPrepare(): ((error: Error, sites: CallSite[]) => unknown) | undefined {
  const prepare: unknown = Reflect.get(Error, 'prepareStackTrace');
  return typeof prepare === 'function' ? (prepare as (error: Error, sites: CallSite[]) => unknown) : undefined;
}

/**
 * `read()` with V8 handing stack traces over as CallSites, as a program's `prepareStackTrace`
 * receives them; Error's properties put back exactly as found.
 */
function withSites<T>(read: () => T): T {
  const prepare = Reflect.getOwnPropertyDescriptor(Error, 'prepareStackTrace');
  try {
    Reflect.defineProperty(Error, 'prepareStackTrace', { value: (_: unknown, sites: CallSite[]) => sites, writable: true, configurable: true });
    return read();
  } finally {
    if (prepare === undefined) Reflect.deleteProperty(Error, 'prepareStackTrace');
    else Reflect.defineProperty(Error, 'prepareStackTrace', prepare);
  }
}

/**
 * `error` as the program would have had it when the program formats stack traces itself: its
 * `prepareStackTrace` is handed the CallSites the error was raised in and then the program's,
 * none of cowlens's. V8 calls it when `stack` is first read; here it is called at once, the
 * frames having to be read to be left out.
 */
function withoutOwnSites(error: Error, entry: (...args: never[]) => unknown, prepare: (error: Error, sites: CallSite[]) => unknown): Error {
  const raised = withSites((): unknown => error.stack);
  if (!Array.isArray(raised)) return error;
  let own = 0;
  while (own < raised.length && !isOwnSite(raised[own] as CallSite)) own++;
  let sites = raised as CallSite[];
  if (own < raised.length && (own > 0 || deliberate.has(error))) {
    const holder: { stack?: unknown } = {};
    const below = withSites((): unknown => {
      captureStackTrace(holder, entry);
      return holder.stack;
    });
    if (Array.isArray(below)) {
      const limit = typeof Error.stackTraceLimit === 'number' ? Error.stackTraceLimit : Infinity;
      sites = builtinArray.sliceOf(raised as CallSite[], 0, own);
      for (let i = 0; i < below.length && sites.length < limit; i++) builtinArray.push(sites, below[i] as CallSite);
    }
  }
  try {
    error.stack = Reflect.apply(prepare, Error, [error, sites]) as string;
  } catch {
    // A frozen error, or a prepareStackTrace that throws, leaves the stack as V8 made it.
  }
  return error;
}

/** The frames of a stack trace taken now, from the caller of `entry` outwards. */
function framesBelow(entry: (...args: never[]) => unknown): string[] | undefined {
  const holder: { stack?: unknown } = {};
  captureStackTrace(holder, entry);
  return typeof holder.stack === 'string' ? holder.stack.split('\n').filter(isFrame) : undefined;
}

/**
 * `error` as the program would have had it, `entry` being the runtime method the program called:
 * the frames it was raised in (native code, or the program's own callback) and then the
 * program's, from its call of `entry` outwards, none of cowlens's in between.
 */
export function withoutOwnFrames(error: unknown, entry: (...args: never[]) => unknown): unknown {
  if (ROOTS.length === 0 || !(error instanceof Error) || !Object.hasOwn(error, 'stack')) return error;
  const prepare = programsPrepare();
  if (prepare !== undefined) return withoutOwnSites(error, entry, prepare);
  const stack = error.stack;
  if (typeof stack !== 'string') return error;
  const lines = stack.split('\n');
  const first = lines.findIndex(isFrame);
  if (first === -1) return error;
  const raised = lines.slice(first);
  const own = raised.findIndex(isOwnFrame);
  if (own === -1 || (own === 0 && !deliberate.has(error))) return error;
  const below = framesBelow(entry);
  if (below === undefined) return error;
  const limit = typeof Error.stackTraceLimit === 'number' ? Error.stackTraceLimit : Infinity;
  try {
    error.stack = [...lines.slice(0, first), ...[...raised.slice(0, own), ...below].slice(0, limit)].join('\n');
  } catch {
    // A frozen error keeps its stack as it is.
  }
  return error;
}
