/**
 * The text V8 prints for an operand in a TypeError (`x is not iterable`, `o.f(...).slice is not a
 * function`, `Cannot destructure property 'a' of 'o.zz'`). An error that the runtime raises for a
 * site must read as the error the original expression raises, and V8 builds that message from the
 * source text at the site (its CallPrinter), which the runtime does not see: the instrumenter
 * renders it here, the way V8 does, and the runtime uses it only when the operation fails.
 * What V8 prints as `(intermediate value)` is rendered so too.
 */
import { ts } from 'ts-morph';
import { isTransparentWrapper, outermostWrapper, unwrap } from '../analysis/syntax.js';
import { v8FoldsStringLiterals } from './v8-string-folding.js';

const SK = ts.SyntaxKind;

const INTERMEDIATE = '(intermediate value)';

/**
 * How a call inside the operand reads: in "is not iterable" messages V8 prints `o.f.x` for
 * `o.f().x`; in the others `o.f(...).x`.
 */
export const enum CallStyle {
  Bare,
  WithArguments,
}

const BINARY_TEXT: Partial<Record<ts.SyntaxKind, string>> = {
  [SK.BarBarToken]: '||',
  [SK.AmpersandAmpersandToken]: '&&',
  [SK.QuestionQuestionToken]: '??',
  [SK.PlusToken]: '+',
  [SK.MinusToken]: '-',
  [SK.AsteriskToken]: '*',
  [SK.SlashToken]: '/',
  [SK.PercentToken]: '%',
  [SK.LessThanToken]: '<',
  [SK.GreaterThanToken]: '>',
  [SK.LessThanEqualsToken]: '<=',
  [SK.GreaterThanEqualsToken]: '>=',
  [SK.EqualsEqualsToken]: '==',
  [SK.EqualsEqualsEqualsToken]: '===',
  [SK.ExclamationEqualsToken]: '!=',
  [SK.ExclamationEqualsEqualsToken]: '!==',
  [SK.CommaToken]: ',',
};

const PREFIX_TEXT: Partial<Record<ts.SyntaxKind, string>> = {
  [SK.ExclamationToken]: '!',
  [SK.MinusToken]: '-',
  [SK.PlusToken]: '+',
  [SK.TildeToken]: '~',
};

/** A number as V8 prints a literal it has folded: its value, not its spelling (`0x10` is 16). */
function numberText(text: string): string | undefined {
  const value = Number(text.replace(/_/g, ''));
  return Number.isNaN(value) ? undefined : String(value);
}

/** V8 folds arithmetic on two number literals into the number it makes. */
function foldedText(left: ts.NumericLiteral, operator: ts.SyntaxKind, right: ts.NumericLiteral): string {
  const [a, b] = [Number(numberText(left.text)), Number(numberText(right.text))];
  switch (operator) {
    case SK.PlusToken:
      return String(a + b);
    case SK.MinusToken:
      return String(a - b);
    case SK.AsteriskToken:
      return String(a * b);
    case SK.SlashToken:
      return String(a / b);
    default:
      return INTERMEDIATE;
  }
}

/** The operators whose chains V8 (every version) prints as one operation: `(a + b) + c` reads `(a + b + c)`. */
const NARY: ReadonlySet<ts.SyntaxKind> = new Set([
  SK.BarBarToken,
  SK.AmpersandAmpersandToken,
  SK.QuestionQuestionToken,
  SK.PlusToken,
  SK.MinusToken,
  SK.AsteriskToken,
  SK.SlashToken,
  SK.PercentToken,
  SK.CommaToken,
]);

/**
 * A string V8 made of string literals while parsing (V8 13, Node 24: `"li" + "st"` is `"list"`),
 * and whether it is still a literal as written (`"" + "a"` is `"a"`, which V8 prints as a name
 * where a key is one: `o.a`) or a string of its own making (`o["list"]`). Only a literal as
 * written joins a string on its left: `"a" + ("b" + "c")` is `("a" + "bc")`.
 */
interface FoldedString {
  readonly text: string;
  readonly asWritten: boolean;
}

function foldedString(node: ts.Expression): FoldedString | undefined {
  const e = unwrap(node);
  if (ts.isStringLiteralLike(e)) return { text: e.text, asWritten: true };
  if (!ts.isBinaryExpression(e) || e.operatorToken.kind !== SK.PlusToken || !v8FoldsStringLiterals()) return undefined;
  const right = unwrap(e.right);
  const left = foldedString(e.left);
  if (left === undefined || !ts.isStringLiteralLike(right)) return undefined;
  if (right.text === '') return left;
  if (left.text === '' && left.asWritten) return { text: right.text, asWritten: true };
  return { text: left.text + right.text, asWritten: false };
}

/** A binary operation without its parentheses, its left operand flattened into it where V8 does so. */
function binaryText(e: ts.BinaryExpression, op: string, calls: CallStyle, hidden?: ts.Node[]): string {
  const left = unwrap(e.left);
  const flattens = NARY.has(e.operatorToken.kind) && ts.isBinaryExpression(left) && left.operatorToken.kind === e.operatorToken.kind && isParenthesizedBinary(left);
  const leftText = flattens ? binaryText(left, op, calls, hidden) : v8OperandText(e.left, calls, hidden);
  return `${leftText} ${op} ${v8OperandText(e.right, calls, hidden)}`;
}

/** Whether V8 prints this binary operation as one in parentheses, not as a value it folded. */
function isParenthesizedBinary(e: ts.BinaryExpression): boolean {
  const { left, operatorToken, right } = e;
  if (BINARY_TEXT[operatorToken.kind] === undefined) return false;
  if (ts.isNumericLiteral(left) && ts.isNumericLiteral(right)) return false;
  return foldedString(e) === undefined;
}

/**
 * What V8 prints of `whole` is not its text: its parts go to `hidden`. An edit of `whole` itself
 * (a call put around it, its own tokens replaced) still shows.
 */
function hideParts(whole: ts.Node, hidden: ts.Node[] | undefined): void {
  if (hidden !== undefined) ts.forEachChild(whole, (part) => void hidden.push(part));
}

/**
 * The text V8 prints for `node`. `hidden`, when given, receives the parts of `node` whose text V8
 * does not print (a call's arguments, what it renders as `(intermediate value)`): an edit
 * anywhere else in `node` changes what V8 prints.
 */
export function v8OperandText(node: ts.Expression, calls: CallStyle, hidden?: ts.Node[]): string {
  const e = node;
  const intermediate = (whole: ts.Node): string => {
    hideParts(whole, hidden);
    return INTERMEDIATE;
  };
  const text = (x: ts.Expression): string => v8OperandText(x, calls, hidden);
  if (isTransparentWrapper(e)) return text(e.expression);
  if ((e.flags & ts.NodeFlags.OptionalChain) !== 0) return intermediate(e);
  switch (e.kind) {
    case SK.Identifier:
      return (e as ts.Identifier).text;
    case SK.ThisKeyword:
      return 'this';
    case SK.NullKeyword:
      return 'null';
    case SK.TrueKeyword:
      return 'true';
    case SK.FalseKeyword:
      return 'false';
    case SK.NumericLiteral:
      return numberText((e as ts.NumericLiteral).text) ?? intermediate(e);
    case SK.StringLiteral:
    case SK.NoSubstitutionTemplateLiteral:
      return `"${(e as ts.StringLiteralLike).text}"`;
    case SK.RegularExpressionLiteral:
      return (e as ts.RegularExpressionLiteral).text;
    case SK.PropertyAccessExpression: {
      const access = e as ts.PropertyAccessExpression;
      return `${text(access.expression)}.${access.name.text}`;
    }
    case SK.ElementAccessExpression: {
      const access = e as ts.ElementAccessExpression;
      const key = access.argumentExpression;
      const base = text(access.expression);
      // A string key reads as a name, whatever it holds: `o['a-b']` is `o.a-b`; so does one
      // that V8 joined into a literal as written (`o["" + "a"]` is `o.a`), not one it made.
      const folded = foldedString(key);
      if (folded?.asWritten === true) return `${base}.${folded.text}`;
      return `${base}[${text(key)}]`;
    }
    case SK.CallExpression: {
      const call = e as ts.CallExpression;
      hidden?.push(...call.arguments);
      const callee = text(call.expression);
      return calls === CallStyle.Bare ? callee : `${callee}(...)`;
    }
    case SK.NewExpression: {
      const call = e as ts.NewExpression;
      if (calls !== CallStyle.Bare) return intermediate(e);
      hidden?.push(...(call.arguments ?? []));
      return text(call.expression);
    }
    case SK.BinaryExpression: {
      const { left, operatorToken, right } = e as ts.BinaryExpression;
      if (operatorToken.kind >= SK.FirstAssignment && operatorToken.kind <= SK.LastAssignment) {
        hidden?.push(right);
        return text(left);
      }
      const op = BINARY_TEXT[operatorToken.kind];
      if (ts.isNumericLiteral(left) && ts.isNumericLiteral(right)) return foldedText(left, operatorToken.kind, right);
      if (op === undefined) return intermediate(e);
      const folded = foldedString(e);
      if (folded !== undefined) return `"${folded.text}"`;
      return `(${binaryText(e as ts.BinaryExpression, op, calls, hidden)})`;
    }
    case SK.PrefixUnaryExpression: {
      const { operator, operand } = e as ts.PrefixUnaryExpression;
      if (operator === SK.MinusToken && ts.isNumericLiteral(operand)) {
        const number = numberText(operand.text);
        return number === undefined ? intermediate(e) : String(-Number(number));
      }
      const op = PREFIX_TEXT[operator];
      return op === undefined ? intermediate(e) : `(${op}${text(operand)})`;
    }
    case SK.VoidExpression:
      return `(void ${text((e as ts.VoidExpression).expression)})`;
    case SK.ConditionalExpression:
      hideParts(e, hidden);
      return `${INTERMEDIATE}${INTERMEDIATE}${INTERMEDIATE}`;
    case SK.ObjectLiteralExpression: {
      // One intermediate value a property: `{(intermediate value)(intermediate value)}`.
      const { properties } = e as ts.ObjectLiteralExpression;
      hidden?.push(...properties);
      return `{${INTERMEDIATE.repeat(properties.length)}}`;
    }
    case SK.TemplateExpression:
      // Only the substitutions, one after another: `${a}-${b}` is `ab`.
      return (e as ts.TemplateExpression).templateSpans.map((span) => text(span.expression)).join('');
    case SK.ArrayLiteralExpression:
      return `[${(e as ts.ArrayLiteralExpression).elements.map((x) => (ts.isSpreadElement(x) ? `(...${text(x.expression)})` : text(x))).join(',')}]`;
    default:
      return intermediate(e);
  }
}

/**
 * The text V8 prints for the callee of a call that fails as not a function (`o.f(...)?.m is not a
 * function`). Inside the call's own optional chain V8 prints each link, `?.` included; a chain
 * that is only a part of the callee reads as `(intermediate value)`.
 */
export function v8CalleeText(callee: ts.Expression, hidden?: ts.Node[]): string {
  const e = callee;
  if ((e.flags & ts.NodeFlags.OptionalChain) === 0) return v8OperandText(e, CallStyle.WithArguments, hidden);
  if (ts.isNonNullExpression(e)) return v8CalleeText(e.expression, hidden);
  if (ts.isPropertyAccessExpression(e)) return `${v8CalleeText(e.expression, hidden)}${e.questionDotToken ? '?.' : '.'}${e.name.text}`;
  if (ts.isElementAccessExpression(e)) {
    const base = v8CalleeText(e.expression, hidden);
    const folded = foldedString(e.argumentExpression);
    if (folded?.asWritten === true) return `${base}${e.questionDotToken ? '?.' : '.'}${folded.text}`;
    return `${base}${e.questionDotToken ? '?.' : ''}[${v8OperandText(e.argumentExpression, CallStyle.WithArguments, hidden)}]`;
  }
  if (ts.isCallExpression(e)) {
    hidden?.push(...e.arguments);
    return `${v8CalleeText(e.expression, hidden)}(...)`;
  }
  hideParts(e, hidden);
  return INTERMEDIATE;
}

/** V8's message when the operand of `[...operand]` is not iterable (`hidden`: see v8OperandText). */
export function notIterableMessage(operand: ts.Expression, hidden?: ts.Node[]): string {
  const inner = unwrap(operand);
  if ((ts.isCallExpression(inner) || ts.isNewExpression(inner)) && (inner.flags & ts.NodeFlags.OptionalChain) === 0) {
    hidden?.push(...(inner.arguments ?? []));
    return `${v8OperandText(inner.expression, CallStyle.Bare, hidden)} is not a function or its return value is not iterable`;
  }
  return `${v8OperandText(operand, CallStyle.Bare, hidden)} is not iterable`;
}

/**
 * V8's message when `call`'s callee cannot be called (`hidden`: see v8OperandText). A call whose
 * value is iterated where it stands fails as not iterable, in the words of notIterableMessage.
 */
export function notCallableMessage(call: ts.CallExpression | ts.TaggedTemplateExpression, hidden?: ts.Node[]): string {
  if (ts.isCallExpression(call) && (call.flags & ts.NodeFlags.OptionalChain) === 0 && isIterated(call)) return notIterableMessage(call, hidden);
  return `${v8CalleeText(ts.isCallExpression(call) ? call.expression : call.tag, hidden)} is not a function`;
}

/**
 * Whether `node`'s value is iterated where it stands (`[...x]`, `for (… of x)`, `const [a] = x`):
 * V8 then reports a call there that fails, for whatever reason, as not iterable.
 */
export function isIterated(node: ts.Node): boolean {
  const outer = outermostWrapper(node);
  const parent = outer.parent;
  // A spread into a call's arguments fails as any call does.
  if (ts.isSpreadElement(parent)) return ts.isArrayLiteralExpression(parent.parent);
  if (ts.isForOfStatement(parent)) return parent.expression === outer;
  if (ts.isVariableDeclaration(parent)) return parent.initializer === outer && ts.isArrayBindingPattern(parent.name);
  return ts.isBinaryExpression(parent) && parent.right === outer && parent.operatorToken.kind === SK.EqualsToken && ts.isArrayLiteralExpression(parent.left);
}

/**
 * V8 before 12 (Node 20) does not find the place in the source of a static field's initializer or
 * a static block either; later ones do. The transform cache keys by V8 version, so the answer
 * made here is the one the running V8 needs.
 */
const STATIC_MEMBERS_BY_VALUE = Number(process.versions.v8.split('.')[0]) < 12;

/**
 * Whether V8 words an error at `node` by the value (`undefined is not a function`), not by the
 * text: in any computed name (a class member's, an object literal's, a destructuring pattern's),
 * where V8 does not find the place in the source, and on
 * V8 before 12 in a static field's initializer or a static block. A function inside them is a
 * place of its own.
 */
export function wordedByValue(node: ts.Node): boolean {
  for (let child = node, parent = node.parent as ts.Node | undefined; parent !== undefined; child = parent, parent = parent.parent as ts.Node | undefined) {
    if (ts.isClassStaticBlockDeclaration(parent)) return STATIC_MEMBERS_BY_VALUE;
    if (ts.isComputedPropertyName(parent)) return true;
    if (ts.isPropertyDeclaration(parent) && ts.isClassLike(parent.parent)) {
      return STATIC_MEMBERS_BY_VALUE && parent.initializer === child && parent.modifiers?.some((m) => m.kind === SK.StaticKeyword) === true;
    }
    if (ts.isFunctionLike(parent)) return false;
  }
  return false;
}
