/**
 * What cowlens's require hook changes in a CommonJS module's stack: the frames of pirates, the
 * library it installs that hook with, and the name of Node's loader frame it calls (Node 22 and
 * later name `Object..js` by its receiver, which pirates's call leaves out).
 */
const PIRATES_FRAME = /^ {4}at .*[\\/]node_modules[\\/]pirates[\\/].*\n/gm;
const NODES_LOADER_FRAME = /^( {4}at )Object\.\.c?js \((node:[^)]+)\)$/gm;

/** `text` but for the frames of pirates and the name of Node's loader frame that it calls. */
export function pastPirates(text: string): string {
  return text.replace(PIRATES_FRAME, '').replace(NODES_LOADER_FRAME, '$1$2');
}

export function piratesFrames(text: string): number {
  return (text.match(PIRATES_FRAME) ?? []).length;
}
