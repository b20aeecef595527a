/**
 * Whether the V8 that runs the instrumenter joins string literals while it parses: since V8 13
 * (Node 24) `o["li" + "st"]` is `o["list"]` in the messages that quote an operand, where Node 20
 * and 22 print `o[("li" + "st")]`. The instrumenter runs in the same Node as the program whose
 * messages it renders (its hooks thread, vitest's main process, jest's transform worker), so it
 * asks its own V8, once, rather than trusting a version number. The probe is compiled from text,
 * out of reach of a bundler's constant folding.
 */
import { runInThisContext } from 'node:vm';

const PROBE = `((o) => {
  try {
    [...o["a" + "b"]];
    return false;
  } catch (error) {
    return error.message === 'o["ab"] is not iterable';
  }
})({})`;

let folds: boolean | undefined;

export function v8FoldsStringLiterals(): boolean {
  folds ??= runInThisContext(PROBE) === true;
  return folds;
}
