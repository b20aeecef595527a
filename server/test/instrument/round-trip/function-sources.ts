/**
 * The sources of a file's functions read back as written: the instrumenter adds no function to the
 * module before its bindings, so the functions and classes of the output, in the order they begin,
 * are those of the original; each one's text in the output (from its first token to its last, as
 * V8 keeps a function's source), with the edit marks read back (runtime/edit-marks.ts), must be
 * its text in the original. A function that begins or ends where an edit does is where a mark
 * could go astray.
 */
import { ts } from 'ts-morph';
import { unmarkEdits } from '../../../src/runtime/edit-marks.js';

export interface SourceDifference {
  /** Offset of the function in the output. */
  readonly at: number;
  readonly message: string;
}

/** The first function whose source does not read back as written; `end`: where the output's module bindings begin. */
export function firstFunctionSourceDifference(original: ts.SourceFile, output: ts.SourceFile, end: number): SourceDifference | undefined {
  const before = functionsOf(original, original.text.length);
  const after = functionsOf(output, end);
  if (before.length !== after.length) return { at: after[Math.min(before.length, after.length)]?.getStart(output) ?? 0, message: `${String(before.length)} functions as written, ${String(after.length)} instrumented` };
  for (const [i, fn] of after.entries()) {
    const written = sourceOf(before[i]!, original);
    const read = unmarkEdits(sourceOf(fn, output));
    if (read !== written) return { at: fn.getStart(output), message: `its source reads ${JSON.stringify(read.slice(0, 200))}, written ${JSON.stringify(written.slice(0, 200))}` };
  }
  return undefined;
}

function sourceOf(node: ts.Node, sf: ts.SourceFile): string {
  return sf.text.slice(node.getStart(sf), node.end);
}

function functionsOf(sf: ts.SourceFile, end: number): ts.Node[] {
  const found: ts.Node[] = [];
  const visit = (node: ts.Node): void => {
    if (node.pos >= end) return;
    if (ts.isFunctionLike(node) && 'body' in node && node.body !== undefined) found.push(node);
    else if (ts.isClassLike(node)) found.push(node);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}
