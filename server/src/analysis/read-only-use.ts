/**
 * Whether one use of a copy only reads it. A use is the copy expression itself or an identifier
 * bound to it; from there it may go through property accesses (`c.items[i].name`) before it
 * lands somewhere. Shallow and deep copies differ in what they own: a shallow copy owns only its
 * own slots, so a value read from it is shared with the source anyway and may go anywhere; a deep
 * copy owns its whole graph, so a value read from it must also land where it is only read.
 * Anything not recognised below counts as a possible write.
 */
import { ts } from 'ts-morph';
import { isAssignmentTarget } from './assignment-target.js';
import { accessedName, isAccessExpression, outermostWrapper } from './syntax.js';

const SK = ts.SyntaxKind;

/** Built-in methods that never write their receiver (Array, Map, Set, Object.prototype). */
const READING_METHODS = new Set([
  'at', 'concat', 'entries', 'every', 'filter', 'find', 'findIndex', 'findLast', 'findLastIndex', 'flat', 'flatMap',
  'forEach', 'get', 'has', 'includes', 'indexOf', 'join', 'keys', 'lastIndexOf', 'map', 'reduce', 'reduceRight',
  'slice', 'some', 'toLocaleString', 'toString', 'toReversed', 'toSorted', 'toSpliced', 'values', 'with',
  'hasOwnProperty', 'propertyIsEnumerable', 'isSubsetOf', 'isSupersetOf', 'isDisjointFrom', 'union', 'intersection',
  'difference', 'symmetricDifference',
]);

/** Reading methods whose result holds nothing of the receiver's graph. */
const PRIMITIVE_RESULT = new Set([
  'every', 'findIndex', 'findLastIndex', 'has', 'includes', 'indexOf', 'join', 'lastIndexOf', 'some', 'toLocaleString',
  'toString', 'hasOwnProperty', 'propertyIsEnumerable', 'isSubsetOf', 'isSupersetOf', 'isDisjointFrom',
]);

/**
 * Methods that call back with the receiver itself as an argument, and that argument's position:
 * `map((value, index, array) => …)`. A callback declaring no parameter that far never sees it.
 */
const RECEIVER_ARGUMENT = new Map([
  ['every', 2], ['filter', 2], ['find', 2], ['findIndex', 2], ['findLast', 2], ['findLastIndex', 2], ['flatMap', 2],
  ['forEach', 2], ['map', 2], ['some', 2], ['reduce', 3], ['reduceRight', 3],
]);

/** Functions that only read the argument they are given; `shallow` ones hand out the values they read. */
type ReaderReach = 'any' | 'shallow';
const READER_FUNCTIONS = new Map<string, ReaderReach>([
  ['JSON.stringify', 'any'], ['Array.isArray', 'any'], ['Object.keys', 'any'], ['Object.isFrozen', 'any'],
  ['String', 'any'], ['Number', 'any'], ['Boolean', 'any'], ['structuredClone', 'any'], ['console.log', 'any'],
  ['console.info', 'any'], ['console.warn', 'any'], ['console.error', 'any'], ['console.debug', 'any'],
  ['Object.values', 'shallow'], ['Object.entries', 'shallow'], ['Array.from', 'shallow'],
]);


const READING_OPERATORS = new Set([
  SK.EqualsEqualsEqualsToken, SK.ExclamationEqualsEqualsToken, SK.EqualsEqualsToken, SK.ExclamationEqualsToken,
  SK.LessThanToken, SK.GreaterThanToken, SK.LessThanEqualsToken, SK.GreaterThanEqualsToken, SK.InstanceOfKeyword,
  SK.InKeyword, SK.PlusToken, SK.MinusToken, SK.AsteriskToken, SK.SlashToken, SK.PercentToken, SK.AsteriskAsteriskToken,
]);

function calleeText(callee: ts.Expression): string | undefined {
  if (callee.kind === SK.Identifier) return (callee as ts.Identifier).text;
  if (callee.kind !== SK.PropertyAccessExpression) return undefined;
  const { expression, name } = callee as ts.PropertyAccessExpression;
  return expression.kind === SK.Identifier ? `${(expression as ts.Identifier).text}.${name.text}` : undefined;
}

/** A call that reads `argument` and nothing else: `JSON.stringify(c)`, `Object.assign(target, c)`. */
function isReaderArgument(call: ts.CallExpression, argument: ts.Node, deep: boolean): boolean {
  const name = calleeText(call.expression);
  if (name === 'JSON.stringify') return call.arguments[0] === argument;
  if (name === 'Object.assign') return !deep && call.arguments[0] !== argument;
  const reach = name === undefined ? undefined : READER_FUNCTIONS.get(name);
  return reach === 'any' || (reach === 'shallow' && !deep);
}

/** `new Map(c)` and `new Set(c)` read c and hold its values. */
function isReaderConstruction(construction: ts.NewExpression, deep: boolean): boolean {
  const name = calleeText(construction.expression);
  return !deep && (name === 'Map' || name === 'Set') && construction.arguments?.length === 1;
}

/** Where a value lands without being written or handed on: a test, a comparison, a reader call. */
function landsWhereRead(value: ts.Node, deep: boolean): boolean {
  const parent = value.parent;
  switch (parent.kind) {
    case SK.ExpressionStatement:
    case SK.TypeOfExpression:
    case SK.VoidExpression:
      return true;
    case SK.IfStatement:
    case SK.WhileStatement:
    case SK.DoStatement:
    case SK.SwitchStatement:
    case SK.CaseClause:
      return (parent as ts.IfStatement).expression === value;
    case SK.ForStatement:
      return (parent as ts.ForStatement).condition === value;
    case SK.ConditionalExpression:
      return (parent as ts.ConditionalExpression).condition === value;
    case SK.PrefixUnaryExpression: {
      const operator = (parent as ts.PrefixUnaryExpression).operator;
      return operator !== SK.PlusPlusToken && operator !== SK.MinusMinusToken;
    }
    case SK.BinaryExpression:
      return READING_OPERATORS.has((parent as ts.BinaryExpression).operatorToken.kind);
    case SK.TemplateSpan:
      return parent.parent.parent.kind !== SK.TaggedTemplateExpression;
    case SK.ElementAccessExpression:
      return (parent as ts.ElementAccessExpression).argumentExpression === value;
    case SK.CallExpression:
      return (parent as ts.CallExpression).expression !== value && isReaderArgument(parent as ts.CallExpression, value, deep);
    case SK.NewExpression:
      return (parent as ts.NewExpression).expression !== value && isReaderConstruction(parent as ts.NewExpression, deep);
    case SK.SpreadElement:
    case SK.SpreadAssignment:
    case SK.JsxSpreadAttribute:
      return !deep;
    case SK.ForOfStatement:
      return !deep && (parent as ts.ForOfStatement).expression === value;
    default:
      return false;
  }
}

/** A callback that cannot reach the receiver: an arrow declaring fewer parameters than the receiver's position. */
function cannotReachReceiver(callback: ts.Expression | undefined, receiverPosition: number): boolean {
  if (callback?.kind !== SK.ArrowFunction) return false;
  const parameters = (callback as ts.ArrowFunction).parameters;
  return parameters.length <= receiverPosition && parameters.every((p) => p.dotDotDotToken === undefined);
}

function isReadingMethodCall(call: ts.CallExpression, method: ts.PropertyAccessExpression | ts.ElementAccessExpression, deep: boolean): boolean {
  const name = accessedName(method);
  if (name === undefined || !READING_METHODS.has(name)) return false;
  const receiverPosition = RECEIVER_ARGUMENT.get(name);
  // A deep copy's callbacks receive values of its own graph, which they may write.
  if (receiverPosition !== undefined && (deep || !cannotReachReceiver(call.arguments[0], receiverPosition))) return false;
  return !deep || PRIMITIVE_RESULT.has(name) || isReadOnlyUse(call, deep);
}

export function isReadOnlyUse(use: ts.Node, deep: boolean): boolean {
  let value = outermostWrapper(use);
  let access: ts.PropertyAccessExpression | ts.ElementAccessExpression | undefined;
  while (isAccessExpression(value.parent) && value.parent.expression === value) {
    access = value.parent;
    value = outermostWrapper(access);
  }
  const parent = value.parent;
  if (parent.kind === SK.CallExpression && (parent as ts.CallExpression).expression === value) {
    return access !== undefined && isReadingMethodCall(parent as ts.CallExpression, access, deep);
  }
  // A tag is called with the object it is read from as `this`, like a method.
  if (parent.kind === SK.TaggedTemplateExpression && (parent as ts.TaggedTemplateExpression).tag === value) return false;
  if (access === undefined) return landsWhereRead(value, deep);
  if (isAssignmentTarget(value) || parent.kind === SK.DeleteExpression) return false;
  return !deep || landsWhereRead(value, deep);
}
