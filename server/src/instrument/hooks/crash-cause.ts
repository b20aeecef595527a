/**
 * Whether an error that is ending a process of the run came from cowlens rather than from the
 * program: a module that failed to compile (cowlens changed its source), or an exception whose
 * innermost frame of code on disk is cowlens's own (its runtime, its hooks). Not one that Node's
 * module loader raised in a call cowlens passed on: cowlens's hooks and its wrappers of `require`
 * hand the program's own requests to Node (`nextResolve`, `Module._load`), and a module the
 * program names that cannot be found or loaded fails the same way without cowlens. Read from the
 * error's stack text alone, so it works on an error of any realm.
 */
import { isAbsolute } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Frame {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

export type CrashCause =
  /** A module failed to compile and its stack names the file (CommonJS does, from its first line). */
  | { readonly kind: 'file-syntax'; readonly file: string; readonly line: number; readonly message: string }
  /** An ES module failed to compile: Node prints the file, but the error does not carry it. */
  | { readonly kind: 'module-syntax'; readonly message: string }
  /** Thrown in cowlens's own code; `caller` is the innermost frame of other code on disk, if any. */
  | { readonly kind: 'own-code'; readonly frame: Frame; readonly caller: Frame | undefined; readonly message: string };

/** `    at name (place)` or `    at place`, where place is `file:line:column`; native frames have no place. */
const FRAME = /^\s+at (?:.*? \()?(.+?):(\d+):(\d+)\)?$/;
const COMPILE_HEADER = /^(.+):(\d+)\n/;
/** Where Node compiles ES modules: a SyntaxError thrown there is the module's own source failing. */
const ESM_COMPILER = 'node:internal/modules/esm/';
/** Node's module loader, CommonJS and ES modules. */
const NODE_LOADER = 'node:internal/modules/';
/** A path or file URL in an error's message (`Cannot find module '/x.js'`, `Require stack: - /y.js`). */
const PLACE = /file:\/\/[^\s'"]+|(?:[A-Za-z]:)?[\\/][^\s'"]+/g;

export function crashCause(error: unknown, isOwnCode: (file: string) => boolean): CrashCause | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { stack, name } = error as { stack?: unknown; name?: unknown };
  if (typeof stack !== 'string') return undefined;
  const header = compileHeader(stack);
  const frames = stackFrames(stack);
  const message = errorLine(header === undefined ? stack : stack.slice(header.length));
  if (name === 'SyntaxError') {
    if (header !== undefined) return { kind: 'file-syntax', file: header.file, line: header.line, message };
    if (frames[0]?.file.startsWith(ESM_COMPILER) === true) return { kind: 'module-syntax', message };
  }
  // Native frames and Node's own (`node:…`) pass errors on; the first frame of code on disk is where it was raised.
  const onDisk = frames.filter((frame) => isAbsolute(frame.file));
  const top = onDisk[0];
  if (top === undefined || !isOwnCode(top.file)) return undefined;
  if (raisedByNodeLoader(frames.slice(0, frames.indexOf(top))) && !namesOwnCode(headOf(stack), isOwnCode)) return undefined;
  return { kind: 'own-code', frame: top, caller: onDisk.find((frame) => !isOwnCode(frame.file)), message };
}

/**
 * Whether the frames inside cowlens's innermost one are all Node's, the outermost of them its
 * module loader's: cowlens called the loader, which raised the error.
 */
function raisedByNodeLoader(inside: readonly Frame[]): boolean {
  return inside.length > 0 && inside.every((frame) => frame.file.startsWith('node:')) && inside.at(-1)!.file.startsWith(NODE_LOADER);
}

/** Whether the error's text names a file of cowlens's: then it is cowlens's own module that is missing or broken. */
function namesOwnCode(head: string, isOwnCode: (file: string) => boolean): boolean {
  return [...head.matchAll(PLACE)].some(([place]) => isOwnCode(pathOf(place)));
}

/** The stack's text before its first frame: the error's message, and what Node adds to it. */
function headOf(stack: string): string {
  const firstFrame = stack.search(/\n\s+at /);
  return firstFrame < 0 ? stack : stack.slice(0, firstFrame);
}

function stackFrames(stack: string): Frame[] {
  const frames: Frame[] = [];
  for (const text of stack.split('\n')) {
    const match = FRAME.exec(text);
    if (match) frames.push({ file: pathOf(match[1]!), line: Number(match[2]), column: Number(match[3]) });
  }
  return frames;
}

/**
 * What Node puts before the error line of a CommonJS module that does not compile: `file:line`,
 * the line's text and a caret, then a blank line.
 */
function compileHeader(stack: string): { readonly file: string; readonly line: number; readonly length: number } | undefined {
  const match = COMPILE_HEADER.exec(stack);
  const end = stack.indexOf('\n\n');
  if (match === null || end < 0) return undefined;
  const file = pathOf(match[1]!);
  return isAbsolute(file) ? { file, line: Number(match[2]), length: end + 2 } : undefined;
}

/** `TypeError: message`: the stack's first line (a message's further lines are left out). */
function errorLine(stack: string): string {
  return stack.slice(0, stack.indexOf('\n') < 0 ? stack.length : stack.indexOf('\n')).trim();
}

function pathOf(place: string): string {
  if (!place.startsWith('file:')) return place;
  try {
    return fileURLToPath(place);
  } catch {
    return place;
  }
}
