/**
 * Whether an expression is written to rather than evaluated: the left of an assignment operator,
 * the operand of `++` or `--`, a `for…of`/`for…in` head, or any part of a destructuring pattern
 * written as an object or array literal (`[a, { b, ...rest }] = value`). A literal in that place
 * is a pattern, not a copy. Needs parent pointers.
 */
import { ts } from 'ts-morph';
import { isAssignmentOperator, isTransparentWrapper } from './syntax.js';

const SK = ts.SyntaxKind;

export function isAssignmentTarget(node: ts.Node): boolean {
  let target = node;
  for (;;) {
    const parent = target.parent as ts.Node | undefined;
    if (parent === undefined) return false;
    switch (parent.kind) {
      case SK.BinaryExpression: {
        const binary = parent as ts.BinaryExpression;
        return binary.left === target && isAssignmentOperator(binary.operatorToken.kind);
      }
      case SK.ForOfStatement:
      case SK.ForInStatement:
        return (parent as ts.ForOfStatement | ts.ForInStatement).initializer === target;
      case SK.PrefixUnaryExpression:
      case SK.PostfixUnaryExpression: {
        const operator = (parent as ts.PrefixUnaryExpression | ts.PostfixUnaryExpression).operator;
        return operator === SK.PlusPlusToken || operator === SK.MinusMinusToken;
      }
      case SK.PropertyAssignment:
        if ((parent as ts.PropertyAssignment).initializer !== target) return false;
        target = parent;
        break;
      case SK.SpreadAssignment:
      case SK.SpreadElement:
      case SK.ObjectLiteralExpression:
      case SK.ArrayLiteralExpression:
        target = parent;
        break;
      default:
        if (!isTransparentWrapper(parent)) return false;
        target = parent;
    }
  }
}
