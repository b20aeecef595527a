/**
 * Where code never runs: types, `declare` contexts, and signatures without a body (overloads,
 * abstract members). Copies written there are not copies, so the walk skips these subtrees and the
 * matcher rejects a node inside one.
 */
import { ts } from 'ts-morph';
import { hasModifier } from './syntax.js';

const SK = ts.SyntaxKind;

function isDeclared(node: ts.Node): boolean {
  return hasModifier(node, SK.DeclareKeyword);
}

/**
 * A node whose whole subtree never runs. An ambient context starts at a declaration marked
 * `declare`, so only declarations are asked for the modifier: the walk calls this on every node.
 */
export function isNonValueSyntax(node: ts.Node): boolean {
  const kind = node.kind;
  if (kind >= SK.FirstTypeNode && kind <= SK.LastTypeNode) return true;
  switch (kind) {
    case SK.InterfaceDeclaration:
    case SK.TypeAliasDeclaration:
    case SK.IndexSignature:
      return true;
    case SK.ModuleDeclaration:
    case SK.VariableStatement:
    case SK.ClassDeclaration:
    case SK.EnumDeclaration:
    case SK.PropertyDeclaration:
      return isDeclared(node);
    case SK.FunctionDeclaration:
    case SK.MethodDeclaration:
    case SK.Constructor:
    case SK.GetAccessor:
    case SK.SetAccessor:
      return (node as ts.FunctionLikeDeclaration).body === undefined || isDeclared(node);
    default:
      return false;
  }
}

/** Whether a node can run: no ancestor is a type, an ambient context or a bodiless signature. Needs parent pointers. */
export function isInValuePosition(node: ts.Node): boolean {
  for (let n = node as ts.Node | undefined; n !== undefined; n = n.parent as ts.Node | undefined) {
    if (isNonValueSyntax(n)) return false;
  }
  return true;
}
