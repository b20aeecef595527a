/**
 * Small questions about compiler nodes that the matchers and the could-share rule both ask. They
 * read `kind` and fields directly: the scan calls them on hundreds of thousands of nodes.
 */
import { ts } from 'ts-morph';

const SK = ts.SyntaxKind;

/** Wrappers that change neither the value nor where it goes: `(x)`, `x!`, `x as T`, `<T>x`, `x satisfies T`. */
export function isTransparentWrapper(node: ts.Node): node is
  | ts.ParenthesizedExpression
  | ts.NonNullExpression
  | ts.AsExpression
  | ts.TypeAssertion
  | ts.SatisfiesExpression {
  switch (node.kind) {
    case SK.ParenthesizedExpression:
    case SK.NonNullExpression:
    case SK.AsExpression:
    case SK.TypeAssertionExpression:
    case SK.SatisfiesExpression:
      return true;
    default:
      return false;
  }
}

/** The expression inside any transparent wrappers. */
export function unwrap(node: ts.Expression): ts.Expression {
  let inner = node;
  while (isTransparentWrapper(inner)) inner = inner.expression;
  return inner;
}

/** The outermost transparent wrapper around `node` (itself when there is none). Needs parent pointers. */
export function outermostWrapper(node: ts.Node): ts.Node {
  let outer = node;
  while ((outer.parent as ts.Node | undefined) !== undefined && isTransparentWrapper(outer.parent)) outer = outer.parent;
  return outer;
}

export function isIdentifierNamed(node: ts.Node, name: string): node is ts.Identifier {
  return node.kind === SK.Identifier && (node as ts.Identifier).text === name;
}

/** `object.member` with both sides plain identifiers, e.g. `Array.from`, `JSON.parse`. */
export function isMemberOf(node: ts.Node, object: string, member: string): node is ts.PropertyAccessExpression {
  if (node.kind !== SK.PropertyAccessExpression) return false;
  const access = node as ts.PropertyAccessExpression;
  return access.name.kind === SK.Identifier && access.name.text === member && isIdentifierNamed(access.expression, object);
}

/** The member a call invokes: `slice` in `x.slice()` and `x?.slice()`; undefined for other callees. */
export function calledMemberName(call: ts.CallExpression): string | undefined {
  const callee = call.expression;
  if (callee.kind !== SK.PropertyAccessExpression) return undefined;
  const name = (callee as ts.PropertyAccessExpression).name;
  return name.kind === SK.Identifier ? name.text : undefined;
}

/** The name an access reads: `p` in `x.p`, `'p'` in `x['p']`; undefined when computed. */
export function accessedName(access: ts.PropertyAccessExpression | ts.ElementAccessExpression): string | undefined {
  if (access.kind === SK.PropertyAccessExpression) return access.name.text;
  const key = access.argumentExpression;
  return key.kind === SK.StringLiteral || key.kind === SK.NoSubstitutionTemplateLiteral
    ? (key as ts.StringLiteralLike).text
    : undefined;
}

export function isAccessExpression(node: ts.Node): node is ts.PropertyAccessExpression | ts.ElementAccessExpression {
  return node.kind === SK.PropertyAccessExpression || node.kind === SK.ElementAccessExpression;
}

/** `=`, `+=`, `&&=` and every other operator that writes its left operand. */
export function isAssignmentOperator(kind: ts.SyntaxKind): boolean {
  return kind >= SK.FirstAssignment && kind <= SK.LastAssignment;
}

export function hasModifier(node: ts.Node, modifier: ts.SyntaxKind): boolean {
  const modifiers = (node as { readonly modifiers?: ts.NodeArray<ts.ModifierLike> }).modifiers;
  return modifiers?.some((m) => m.kind === modifier) ?? false;
}

/** The specifier of `require('x')`, undefined for anything else. */
export function requiredModule(node: ts.Expression): string | undefined {
  const call = unwrap(node);
  if (call.kind !== SK.CallExpression) return undefined;
  const { expression, arguments: args } = call as ts.CallExpression;
  const first = args[0];
  if (!isIdentifierNamed(expression, 'require') || args.length !== 1 || first?.kind !== SK.StringLiteral) return undefined;
  return (first as ts.StringLiteral).text;
}
