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
  for (const root of ROOTS) if (line.includes(root)) return true;
  return false;
}

/** Errors the runtime raises on purpose, as the operation it stands for would: `x is not iterable`. */
const deliberate = new WeakSet<object>();

export function raisedFor<E extends Error>(error: E): E {
  deliberate.add(error);
  return error;
}

/** The frames of a stack trace taken now, from the caller of `entry` outwards. */
function framesBelow(entry: (...args: never[]) => unknown): string[] | undefined {
  const holder: { stack?: unknown } = {};
  Error.captureStackTrace(holder, entry);
  return typeof holder.stack === 'string' ? holder.stack.split('\n').filter(isFrame) : undefined;
}

/**
 * `error` as the program would have had it, `entry` being the runtime method the program called:
 * the frames it was raised in (native code, or the program's own callback) and then the
 * program's, from its call of `entry` outwards, none of cowlens's in between.
 */
export function withoutOwnFrames(error: unknown, entry: (...args: never[]) => unknown): unknown {
  if (ROOTS.length === 0 || !(error instanceof Error) || !Object.prototype.hasOwnProperty.call(error, 'stack')) return error;
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
