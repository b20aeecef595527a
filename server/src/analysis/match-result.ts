import type { ts } from 'ts-morph';
import { type CopyKind, isDeepKind } from '../runtime/copy-kinds.js';

export interface CopyMatch {
  readonly kind: CopyKind;
  readonly deep: boolean;
  /** The copy expression (for object-rest: the pattern): what an instrumenter replaces. */
  readonly node: ts.Node;
  /** Where the site is reported: usually `node`; for object-rest the `...rest` element. */
  readonly at: ts.Node;
  /** A copy made together with writes (`{ ...s, k: v }`): written at once, it saves nothing. */
  readonly writtenAtOnce: boolean;
  /**
   * The callee is an alias of the built-in (`assign` after `const { assign } = Object`), not the
   * built-in as written: the instrumenter passes its value to the runtime, which checks it.
   */
  readonly viaCallee?: true;
}

export function copyMatch(kind: CopyKind, node: ts.Node, writtenAtOnce: boolean, at: ts.Node = node): CopyMatch {
  return { kind, deep: isDeepKind(kind), node, at, writtenAtOnce };
}
