/**
 * Whether one use of a value only reads it, and in a way that cannot tell a copy from its
 * original. A use is the copy expression itself or an identifier bound to it (or to the
 * original); from there it may go through property accesses (`c.items[i].name`) before it lands
 * somewhere. Shallow and deep copies differ in what they own: a shallow copy owns only its own
 * slots, so a value read from it is shared with the original anyway and may go anywhere; a deep
 * copy owns its whole graph, so a value read from it must also land where it is only read.
 *
 * The value is plain data (the could-share rule proves it first), so reading, iterating and
 * converting it run only built-ins. What would still tell the two apart is ruled out: an identity
 * comparison (`c === o`), `instanceof` (which runs the right side's `Symbol.hasInstance` with the
 * value), handing the value to a callback as its receiver or `this` (`thisArg`, a `JSON.stringify`
 * replacer), and callbacks that get values a deep copy owns. Built-ins are recognised by scope:
 * `console.log` is the global's, never a parameter named `console`. Anything not recognised below
 * counts as a possible write.
 */
import { ts } from 'ts-morph';
import { isAssignmentTarget } from './assignment-target.js';
import { builtinPath } from './builtin-names.js';
import type { NameResolver } from './name-resolution.js';
import { accessedName, isAccessExpression, outermostWrapper, unwrap } from './syntax.js';

const SK = ts.SyntaxKind;

/** Built-in methods that never write their receiver (Array, Map, Set, Object.prototype). */
export const READING_METHODS: ReadonlySet<string> = new Set([
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

/**
 * Built-ins that only read the argument they are given first (and the others, for `console`);
 * `shallow` ones hand out the values they read.
 */
type ReaderReach = 'any' | 'shallow';
const READER_FUNCTIONS = new Map<string, ReaderReach>([
  ['Array.isArray', 'any'], ['Object.keys', 'any'], ['Object.isFrozen', 'any'],
  ['String', 'any'], ['Number', 'any'], ['Boolean', 'any'], ['structuredClone', 'any'],
  ['Object.values', 'shallow'], ['Object.entries', 'shallow'], ['Array.from', 'shallow'],
]);

/** `console` methods print every argument and keep none. */
const CONSOLE_PRINTERS = new Set(['console.log', 'console.info', 'console.warn', 'console.error', 'console.debug']);

const READING_OPERATORS = new Set([
  SK.LessThanToken, SK.GreaterThanToken, SK.LessThanEqualsToken, SK.GreaterThanEqualsToken,
  SK.InKeyword, SK.PlusToken, SK.MinusToken, SK.AsteriskToken, SK.SlashToken, SK.PercentToken, SK.AsteriskAsteriskToken,
]);

/** Comparisons that are true of the original and false of its copy when both sides are objects. */
const IDENTITY_OPERATORS = new Set([SK.EqualsEqualsEqualsToken, SK.ExclamationEqualsEqualsToken, SK.EqualsEqualsToken, SK.ExclamationEqualsToken]);

/** What a use needs to know beyond the syntax: which copy it reads, and the names in scope. */
interface UseContext {
  readonly deep: boolean;
  readonly names: NameResolver;
}

function builtinCallee(callee: ts.Expression, names: NameResolver): string | undefined {
  const found = builtinPath(callee, names);
  return found?.direct === true ? found.path : undefined;
}

/** An argument that can be nothing but a primitive: a literal. */
function isPrimitiveLiteral(node: ts.Expression): boolean {
  switch (unwrap(node).kind) {
    case SK.StringLiteral:
    case SK.NoSubstitutionTemplateLiteral:
    case SK.NumericLiteral:
    case SK.BigIntLiteral:
    case SK.TrueKeyword:
    case SK.FalseKeyword:
    case SK.NullKeyword:
      return true;
    default:
      return false;
  }
}

/** `JSON.stringify`'s replacer, when it runs nothing: absent, null, or a list of keys. */
function isInertReplacer(replacer: ts.Expression | undefined): boolean {
  if (replacer === undefined) return true;
  const inner = unwrap(replacer);
  if (inner.kind === SK.NullKeyword) return true;
  return inner.kind === SK.ArrayLiteralExpression && (inner as ts.ArrayLiteralExpression).elements.every(isPrimitiveLiteral);
}

/** A call that reads `argument` and nothing else: `JSON.stringify(c)`, `Object.assign(target, c)`. */
function isReaderArgument(call: ts.CallExpression, argument: ts.Node, { deep, names }: UseContext): boolean {
  const name = builtinCallee(call.expression, names);
  if (name === undefined) return false;
  if (CONSOLE_PRINTERS.has(name)) return true;
  if (name === 'Object.assign') return !deep && call.arguments[0] !== argument && !call.arguments.some((a) => a.kind === SK.SpreadElement);
  if (call.arguments[0] !== argument) return false;
  if (name === 'JSON.stringify') return isInertReplacer(call.arguments[1]);
  const reach = READER_FUNCTIONS.get(name);
  if (name === 'Array.from' && call.arguments.length > 1) return false;
  return reach === 'any' || (reach === 'shallow' && !deep);
}

/** `new Map(c)` and `new Set(c)` read c and hold its values. */
function isReaderConstruction(construction: ts.NewExpression, { deep, names }: UseContext): boolean {
  const name = builtinCallee(construction.expression, names);
  return !deep && (name === 'Map' || name === 'Set') && construction.arguments?.length === 1;
}

/**
 * Where a value lands without being written or handed on: a test, a comparison with a primitive,
 * a reader call. The value is the copy itself or belongs to a deep copy, so its identity is not
 * the original's.
 */
function landsWhereRead(value: ts.Node, context: UseContext): boolean {
  const { deep } = context;
  const parent = value.parent;
  switch (parent.kind) {
    case SK.ExpressionStatement:
    case SK.TypeOfExpression:
    case SK.VoidExpression:
      return true;
    case SK.IfStatement:
    case SK.WhileStatement:
    case SK.DoStatement:
      return (parent as ts.IfStatement).expression === value;
    // A switch compares its value with each case by identity.
    case SK.SwitchStatement:
      return (parent as ts.SwitchStatement).caseBlock.clauses.every((clause) => clause.kind === SK.DefaultClause || isPrimitiveLiteral(clause.expression));
    case SK.CaseClause:
      return isPrimitiveLiteral((parent.parent.parent as ts.SwitchStatement).expression);
    case SK.ForStatement:
      return (parent as ts.ForStatement).condition === value;
    case SK.ConditionalExpression:
      return (parent as ts.ConditionalExpression).condition === value;
    case SK.PrefixUnaryExpression: {
      const operator = (parent as ts.PrefixUnaryExpression).operator;
      return operator !== SK.PlusPlusToken && operator !== SK.MinusMinusToken;
    }
    case SK.BinaryExpression: {
      const { left, operatorToken, right } = parent as ts.BinaryExpression;
      if (IDENTITY_OPERATORS.has(operatorToken.kind)) return isPrimitiveLiteral(left === value ? right : left);
      return READING_OPERATORS.has(operatorToken.kind);
    }
    case SK.TemplateSpan:
      return parent.parent.parent.kind !== SK.TaggedTemplateExpression;
    case SK.ElementAccessExpression:
      return (parent as ts.ElementAccessExpression).argumentExpression === value;
    case SK.CallExpression:
      return (parent as ts.CallExpression).expression !== value && isReaderArgument(parent as ts.CallExpression, value, context);
    case SK.NewExpression:
      return (parent as ts.NewExpression).expression !== value && isReaderConstruction(parent as ts.NewExpression, context);
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

function isReadingMethodCall(call: ts.CallExpression, method: ts.PropertyAccessExpression | ts.ElementAccessExpression, context: UseContext): boolean {
  const name = accessedName(method);
  if (name === undefined || !READING_METHODS.has(name) || method.questionDotToken !== undefined) return false;
  const { deep } = context;
  // A deep copy's callbacks (comparators too) receive values of its own graph, which they may write.
  if (deep && !call.arguments.every(isPrimitiveLiteral)) return false;
  const receiverPosition = RECEIVER_ARGUMENT.get(name);
  if (receiverPosition !== undefined && !cannotReachReceiver(call.arguments[0], receiverPosition)) return false;
  return !deep || PRIMITIVE_RESULT.has(name) || isReadOnlyUse(call, context.deep, context.names);
}

/** Whether `use` only reads its value, in a way that gives the same result for a copy and its original. */
export function isReadOnlyUse(use: ts.Node, deep: boolean, names: NameResolver): boolean {
  const context = { deep, names };
  let value = outermostWrapper(use);
  let access: ts.PropertyAccessExpression | ts.ElementAccessExpression | undefined;
  let reads = 0;
  while (isAccessExpression(value.parent) && value.parent.expression === value) {
    access = value.parent;
    value = outermostWrapper(access);
    reads++;
  }
  // A shallow copy shares everything below its own slots with the original: whatever is done to
  // a value read from a slot (`c.items.push(x)`, `c.items[0].done = true`) is done to the
  // original's the same way.
  if (!deep && reads >= 2) return true;
  const parent = value.parent;
  if (parent.kind === SK.CallExpression && (parent as ts.CallExpression).expression === value) {
    return access !== undefined && isReadingMethodCall(parent as ts.CallExpression, access, context);
  }
  // A tag is called with the object it is read from as `this`, like a method.
  if (parent.kind === SK.TaggedTemplateExpression && (parent as ts.TaggedTemplateExpression).tag === value) return false;
  if (access === undefined) return landsWhereRead(value, context);
  if (isAssignmentTarget(value) || parent.kind === SK.DeleteExpression) return false;
  return !deep || landsWhereRead(value, context);
}
