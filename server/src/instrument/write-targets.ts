import { ts } from 'ts-morph';

/**
 * Methods that write into their receiver: Array's, Map's and Set's. A call of one of these names
 * on anything passes the receiver through the runtime first; the runtime ignores what it does not
 * watch, so a user method that happens to share a name costs a check, never a behaviour change.
 */
const MUTATING_METHODS = new Set(['push', 'pop', 'shift', 'unshift', 'splice', 'sort', 'reverse', 'fill', 'copyWithin', 'set', 'add', 'delete', 'clear']);

/** `Object.*` and `Reflect.*` functions that write into their first argument. */
const WRITING_STATICS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['Object', new Set(['assign', 'defineProperty', 'defineProperties', 'setPrototypeOf', 'freeze', 'seal', 'preventExtensions'])],
  ['Reflect', new Set(['set', 'deleteProperty', 'defineProperty', 'setPrototypeOf', 'preventExtensions'])],
]);

const ASSIGNMENT_OPERATORS = new Set<ts.SyntaxKind>([
  ts.SyntaxKind.EqualsToken,
  ts.SyntaxKind.PlusEqualsToken,
  ts.SyntaxKind.MinusEqualsToken,
  ts.SyntaxKind.AsteriskEqualsToken,
  ts.SyntaxKind.AsteriskAsteriskEqualsToken,
  ts.SyntaxKind.SlashEqualsToken,
  ts.SyntaxKind.PercentEqualsToken,
  ts.SyntaxKind.LessThanLessThanEqualsToken,
  ts.SyntaxKind.GreaterThanGreaterThanEqualsToken,
  ts.SyntaxKind.GreaterThanGreaterThanGreaterThanEqualsToken,
  ts.SyntaxKind.AmpersandEqualsToken,
  ts.SyntaxKind.BarEqualsToken,
  ts.SyntaxKind.CaretEqualsToken,
  ts.SyntaxKind.AmpersandAmpersandEqualsToken,
  ts.SyntaxKind.BarBarEqualsToken,
  ts.SyntaxKind.QuestionQuestionEqualsToken,
]);

/** A write found in the source: `target` is the expression whose object is written. */
export interface WriteTarget {
  /** The object expression to pass through the runtime before the write. */
  readonly target: ts.Expression;
  /** Where the write is reported (the start of the whole write). */
  readonly at: ts.Node;
}

/**
 * The object expressions that `node` writes into, if `node` is a write: a member assignment
 * (plain, compound or logical, including targets inside destructuring patterns), `++`/`--`,
 * `delete`, a mutating method call, or `Object.assign(target, …)` and its kin.
 */
export function writeTargetsOf(node: ts.Node, out: WriteTarget[]): void {
  switch (node.kind) {
    case ts.SyntaxKind.BinaryExpression: {
      const b = node as ts.BinaryExpression;
      if (!ASSIGNMENT_OPERATORS.has(b.operatorToken.kind)) return;
      if (b.operatorToken.kind === ts.SyntaxKind.EqualsToken && isPattern(b.left)) patternTargets(b.left, node, out);
      else memberTarget(b.left, node, out);
      return;
    }
    case ts.SyntaxKind.PrefixUnaryExpression:
    case ts.SyntaxKind.PostfixUnaryExpression: {
      const u = node as ts.PrefixUnaryExpression | ts.PostfixUnaryExpression;
      if (u.operator === ts.SyntaxKind.PlusPlusToken || u.operator === ts.SyntaxKind.MinusMinusToken) memberTarget(u.operand, node, out);
      return;
    }
    case ts.SyntaxKind.DeleteExpression:
      memberTarget((node as ts.DeleteExpression).expression, node, out);
      return;
    case ts.SyntaxKind.CallExpression: {
      const call = node as ts.CallExpression;
      const callee = skipParentheses(call.expression);
      if (!ts.isPropertyAccessExpression(callee) || !ts.isIdentifier(callee.name)) return;
      const name = callee.name.text;
      const receiver = callee.expression;
      if (ts.isIdentifier(receiver) && WRITING_STATICS.get(receiver.text)?.has(name) === true) {
        const first = call.arguments[0];
        if (first && !ts.isSpreadElement(first) && !isFresh(first)) out.push({ target: first, at: node });
        return;
      }
      if (MUTATING_METHODS.has(name) && isWrappable(receiver)) out.push({ target: receiver, at: node });
      return;
    }
    default:
      return;
  }
}

function memberTarget(expr: ts.Expression, at: ts.Node, out: WriteTarget[]): void {
  const target = skipParentheses(expr);
  if (ts.isPropertyAccessExpression(target)) {
    if (ts.isPrivateIdentifier(target.name)) return; // private fields are never copied
    if (isWrappable(target.expression)) out.push({ target: target.expression, at });
  } else if (ts.isElementAccessExpression(target) && isWrappable(target.expression)) {
    out.push({ target: target.expression, at });
  }
}

/** Member targets inside a destructuring assignment pattern: `[a.x, { k: b[i] }] = value`. */
function patternTargets(pattern: ts.Expression, at: ts.Node, out: WriteTarget[]): void {
  const element = skipParentheses(pattern);
  if (ts.isArrayLiteralExpression(element)) {
    for (const e of element.elements) patternElement(e, at, out);
  } else if (ts.isObjectLiteralExpression(element)) {
    for (const p of element.properties) {
      if (ts.isPropertyAssignment(p)) patternElement(p.initializer, at, out);
      else if (ts.isSpreadAssignment(p)) patternElement(p.expression, at, out);
    }
  }
}

function patternElement(e: ts.Expression, at: ts.Node, out: WriteTarget[]): void {
  if (ts.isSpreadElement(e)) {
    patternElement(e.expression, at, out);
  } else if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    // `[a.x = 1] = v`: the default belongs to the pattern; its target is the left side.
    patternElement(e.left, at, out);
  } else if (isPattern(e)) {
    patternTargets(e, at, out);
  } else {
    memberTarget(e, at, out);
  }
}

function isPattern(e: ts.Expression): boolean {
  const inner = skipParentheses(e);
  return ts.isArrayLiteralExpression(inner) || ts.isObjectLiteralExpression(inner);
}

/** `super` cannot be passed anywhere; everything else evaluates to a value that can. */
function isWrappable(e: ts.Expression): boolean {
  return e.kind !== ts.SyntaxKind.SuperKeyword;
}

/** An object made right there (`{}`, `[]`, `Object.create(p)`) cannot be shared with anything yet. */
function isFresh(e: ts.Expression): boolean {
  const inner = skipParentheses(e);
  if (ts.isObjectLiteralExpression(inner) || ts.isArrayLiteralExpression(inner)) return true;
  if (!ts.isCallExpression(inner) || !ts.isPropertyAccessExpression(inner.expression)) return false;
  const callee = inner.expression;
  return ts.isIdentifier(callee.expression) && callee.expression.text === 'Object' && callee.name.text === 'create';
}

function skipParentheses(e: ts.Expression): ts.Expression {
  let inner = e;
  while (ts.isParenthesizedExpression(inner)) inner = inner.expression;
  return inner;
}
