/**
 * Copies written as literals: `{ ...o }`, `[...a]`, and the rest element of an object pattern,
 * which copies every property the pattern does not name. A literal that is itself a destructuring
 * target is a pattern, so its spread is a rest, not a copy into a new literal.
 */
import { ts } from 'ts-morph';
import { isAssignmentTarget } from './assignment-target.js';
import { type CopyMatch, copyMatch } from './match-result.js';

const SK = ts.SyntaxKind;

export function matchObjectLiteral(node: ts.ObjectLiteralExpression): CopyMatch | undefined {
  const properties = node.properties;
  if (!properties.some((p) => p.kind === SK.SpreadAssignment)) return undefined;
  if (!isAssignmentTarget(node)) return copyMatch('object-spread', node, properties.length > 1);
  const rest = properties[properties.length - 1];
  return rest?.kind === SK.SpreadAssignment ? copyMatch('object-rest', node, false, rest) : undefined;
}

export function matchArrayLiteral(node: ts.ArrayLiteralExpression): CopyMatch | undefined {
  const elements = node.elements;
  if (!elements.some((e) => e.kind === SK.SpreadElement) || isAssignmentTarget(node)) return undefined;
  return copyMatch('array-spread', node, elements.length > 1);
}

export function matchObjectBindingPattern(node: ts.ObjectBindingPattern): CopyMatch | undefined {
  const rest = node.elements[node.elements.length - 1];
  return rest?.dotDotDotToken === undefined ? undefined : copyMatch('object-rest', node, false, rest);
}
