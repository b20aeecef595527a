import { ts } from 'ts-morph';
import { unwrap } from '../analysis/syntax.js';

const SK = ts.SyntaxKind;

/** Whether evaluating `e` runs no code of anyone's: it cannot see or change what the program holds. */
export function isInert(node: ts.Expression): boolean {
  const e = unwrap(node);
  switch (e.kind) {
    case SK.FunctionExpression:
    case SK.ArrowFunction:
    case SK.Identifier:
    case SK.ThisKeyword:
    case SK.StringLiteral:
    case SK.NumericLiteral:
    case SK.BigIntLiteral:
    case SK.NoSubstitutionTemplateLiteral:
    case SK.TrueKeyword:
    case SK.FalseKeyword:
    case SK.NullKeyword:
    case SK.RegularExpressionLiteral:
      return true;
    case SK.ArrayLiteralExpression:
      return (e as ts.ArrayLiteralExpression).elements.every((x) => !ts.isSpreadElement(x) && isInert(x));
    case SK.ObjectLiteralExpression:
      return (e as ts.ObjectLiteralExpression).properties.every(
        (p) =>
          ts.isMethodDeclaration(p) ||
          ts.isShorthandPropertyAssignment(p) ||
          ((ts.isGetAccessorDeclaration(p) || ts.isSetAccessorDeclaration(p)) && !ts.isComputedPropertyName(p.name)) ||
          (ts.isPropertyAssignment(p) && !ts.isComputedPropertyName(p.name) && isInert(p.initializer)),
      );
    default:
      return false;
  }
}
