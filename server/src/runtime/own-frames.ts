/**
 * Errors that reach the program through the runtime show the program's frames only, as they would
 * without cowlens: a copy the runtime makes for `new Map(x)` or `[...x]` runs under its own frames,
 * and the error a bad `x` raises there must not show them. Every file of cowlens lies below one
 * folder, the one its `server` package is in, source-mapped or not, bundled or not.
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

function isOwnFrame(line: string): boolean {
  if (!line.trimStart().startsWith('at ')) return false;
  for (const root of ROOTS) if (line.includes(root)) return true;
  return false;
}

/** `error`, its stack without the lines of cowlens's own frames; anything else as it is. */
export function withoutOwnFrames(error: unknown): unknown {
  if (ROOTS.length === 0 || !(error instanceof Error) || !Object.prototype.hasOwnProperty.call(error, 'stack')) return error;
  const stack = error.stack;
  if (typeof stack !== 'string') return error;
  const lines = stack.split('\n');
  const kept = lines.filter((line) => !isOwnFrame(line));
  if (kept.length === lines.length) return error;
  try {
    error.stack = kept.join('\n');
  } catch {
    // A frozen error keeps its stack as it is.
  }
  return error;
}
