/**
 * Recognises a copy site from syntax alone: one node in, the copy it makes (if any) out. There is
 * no type checker, so a site is a candidate: the runtime checks the real value when the code runs.
 * The matcher needs parent pointers (ts-morph sets them; so does the scan's walk) to tell a
 * destructuring pattern from a literal and to reject nodes inside types and `declare` contexts.
 */
import { ts } from 'ts-morph';
import { collectLodashBindings } from './lodash-bindings.js';
import { matchCall, type MatchContext, matchNew } from './match-calls.js';
import { matchArrayLiteral, matchObjectBindingPattern, matchObjectLiteral } from './match-literals.js';
import type { CopyMatch } from './match-result.js';
import { createNameResolver, type NameResolver } from './name-resolution.js';
import { isInValuePosition } from './value-position.js';

export type { CopyMatch } from './match-result.js';

const SK = ts.SyntaxKind;

/** The only node kinds a copy can be: a walk need not call the matcher on any other. */
export const COPY_NODE_KINDS: readonly ts.SyntaxKind[] = [
  SK.ObjectLiteralExpression,
  SK.ArrayLiteralExpression,
  SK.ObjectBindingPattern,
  SK.CallExpression,
  SK.NewExpression,
];

function matchSyntax(node: ts.Node, context: MatchContext): CopyMatch | undefined {
  switch (node.kind) {
    case SK.ObjectLiteralExpression:
      return matchObjectLiteral(node as ts.ObjectLiteralExpression);
    case SK.ArrayLiteralExpression:
      return matchArrayLiteral(node as ts.ArrayLiteralExpression);
    case SK.ObjectBindingPattern:
      return matchObjectBindingPattern(node as ts.ObjectBindingPattern);
    case SK.CallExpression:
      return matchCall(node as ts.CallExpression, context);
    case SK.NewExpression:
      return matchNew(node as ts.NewExpression, context.names);
    default:
      return undefined;
  }
}

/**
 * A matcher for one file: knows the file's bindings (by scope) and which of them are lodash. Call
 * it on every node of a walk. `names` lets a caller share one resolver with its other questions.
 */
export function createCopyMatcher(sourceFile: ts.SourceFile, names: NameResolver = createNameResolver(sourceFile)): (node: ts.Node) => CopyMatch | undefined {
  if (sourceFile.isDeclarationFile) return () => undefined;
  const context: MatchContext = { names, lodash: collectLodashBindings(sourceFile) };
  return (node) => {
    const match = matchSyntax(node, context);
    return match !== undefined && isInValuePosition(node) ? match : undefined;
  };
}
