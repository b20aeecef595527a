/**
 * Whether a binding's initializer makes a fresh value of plain data, and of which shape: the
 * value no other name can reach (it is made right there), and that runs no code of its own when
 * a program reads, iterates, prints or converts it (no methods, getters, `toJSON`, `toString`,
 * `Symbol.iterator` of its own, no prototype but Object's, Array's, Map's or Set's).
 *
 * A shallow copy owns only the top level: the values under it are the same objects in the copy
 * and in the original, so only the top level must be plain. An object's own property whose name
 * the language or a built-in calls by itself (`toString`, `then`, `map`…) must then hold a plain
 * value too. A deep copy owns the whole graph, so every value in it must be fresh plain data:
 * literals all the way down, `JSON.parse` results, or what the type checker proves primitive.
 */
import { ts } from 'ts-morph';
import { isBuiltin } from './builtin-names.js';
import { GLOBAL, type NameResolver } from './name-resolution.js';
import { READING_METHODS } from './read-only-use.js';
import { accessedName, isAccessExpression, unwrap } from './syntax.js';
import { CALLED_MEMBERS, type TypeFacts } from './type-facts.js';

const SK = ts.SyntaxKind;

/** `json`: made by `JSON.parse` from text the analysis cannot read, so any JSON value. */
export type PlainShape = 'object' | 'array' | 'map' | 'set' | 'json';

export interface PlainQuestions {
  readonly names: NameResolver;
  readonly types: TypeFacts;
}

/** Own property names that code calls without naming them, or that built-in methods of the copy would be shadowed by. */
const CALLED_NAMES: ReadonlySet<string> = new Set([...READING_METHODS, ...CALLED_MEMBERS]);

/**
 * Array methods that make a new, plain array without holes when the receiver is a plain array
 * (`map`, `slice` and `concat` keep the receiver's holes, which a spread of the result would fill).
 */
const FRESH_ARRAY_METHODS = new Set(['filter', 'flat', 'flatMap', 'toSorted', 'toReversed', 'toSpliced', 'with']);

/** Operators whose result is always a primitive, whatever the operands are. */
function isPrimitiveOperator(kind: ts.SyntaxKind): boolean {
  if (kind >= SK.FirstAssignment && kind <= SK.LastAssignment) return false;
  return kind !== SK.CommaToken && kind !== SK.AmpersandAmpersandToken && kind !== SK.BarBarToken && kind !== SK.QuestionQuestionToken;
}

function isJsonParse(node: ts.Expression, names: NameResolver): node is ts.CallExpression {
  return node.kind === SK.CallExpression && (node as ts.CallExpression).arguments.length === 1 && isBuiltin((node as ts.CallExpression).expression, 'JSON.parse', names);
}

/** A value that is primitive whatever runs: a literal, a template, an operator's result. */
function isPrimitiveValue(node: ts.Expression, q: PlainQuestions): boolean {
  switch (node.kind) {
    case SK.StringLiteral:
    case SK.NoSubstitutionTemplateLiteral:
    case SK.TemplateExpression:
    case SK.NumericLiteral:
    case SK.BigIntLiteral:
    case SK.TrueKeyword:
    case SK.FalseKeyword:
    case SK.NullKeyword:
    case SK.PrefixUnaryExpression:
    case SK.TypeOfExpression:
    case SK.VoidExpression:
      return true;
    case SK.Identifier:
      return ((node as ts.Identifier).text === 'undefined' && q.names.resolve(node as ts.Identifier) === GLOBAL) || q.types.isPrimitive(node);
    case SK.BinaryExpression:
      return isPrimitiveOperator((node as ts.BinaryExpression).operatorToken.kind);
    default:
      return q.types.isPrimitive(node);
  }
}

/** A value that is fresh plain data all the way down. */
function isDeepPlain(value: ts.Expression, q: PlainQuestions): boolean {
  const node = unwrap(value);
  switch (node.kind) {
    case SK.ObjectLiteralExpression:
      return plainObjectLiteral(node as ts.ObjectLiteralExpression, true, q);
    case SK.ArrayLiteralExpression:
      return plainArrayLiteral(node as ts.ArrayLiteralExpression, true, q);
    default:
      return isJsonParse(node, q.names) || isPrimitiveValue(node, q);
  }
}

function propertyKey(name: ts.PropertyName): string | undefined {
  switch (name.kind) {
    case SK.Identifier:
    case SK.StringLiteral:
    case SK.NumericLiteral:
    case SK.NoSubstitutionTemplateLiteral:
      return name.text;
    default:
      return undefined;
  }
}

/** Data properties with names written out; `deep`: every value plain too. */
function plainObjectLiteral(literal: ts.ObjectLiteralExpression, deep: boolean, q: PlainQuestions): boolean {
  return literal.properties.every((property) => {
    let key: string | undefined;
    let value: ts.Expression;
    if (property.kind === SK.PropertyAssignment) {
      key = propertyKey(property.name);
      value = property.initializer;
    } else if (property.kind === SK.ShorthandPropertyAssignment && property.objectAssignmentInitializer === undefined) {
      key = property.name.text;
      value = property.name;
    } else {
      return false;
    }
    if (key === undefined || key === '__proto__') return false;
    return (!deep && !CALLED_NAMES.has(key)) || isDeepPlain(value, q);
  });
}

function plainArrayLiteral(literal: ts.ArrayLiteralExpression, deep: boolean, q: PlainQuestions): boolean {
  return literal.elements.every((element) => element.kind !== SK.OmittedExpression && (!deep || (element.kind !== SK.SpreadElement && isDeepPlain(element, q))));
}

function isGlobalConstruction(node: ts.Expression, name: string, names: NameResolver): boolean {
  if (node.kind !== SK.NewExpression) return false;
  const constructor = (node as ts.NewExpression).expression;
  return constructor.kind === SK.Identifier && (constructor as ts.Identifier).text === name && names.resolve(constructor as ts.Identifier) === GLOBAL;
}

/** An array a built-in makes afresh: `Array.from(x)`, `xs.filter(f)` on an array, `Object.keys(o)`, `s.split(',')`. */
function isFreshArrayCall(call: ts.CallExpression, q: PlainQuestions): boolean {
  const callee = unwrap(call.expression);
  if (isBuiltin(callee, 'Array.from', q.names) || isBuiltin(callee, 'Array.of', q.names) || isBuiltin(callee, 'Object.keys', q.names)) return true;
  if (!isAccessExpression(callee) || callee.questionDotToken !== undefined) return false;
  const method = accessedName(callee);
  if (method === 'split') return q.types.isString(callee.expression);
  return method !== undefined && FRESH_ARRAY_METHODS.has(method) && q.types.isArray(callee.expression);
}

/** The shape of the fresh plain value `initializer` makes, for a copy that is `deep` or not; undefined when not proved. */
export function freshPlainShape(initializer: ts.Expression, deep: boolean, q: PlainQuestions): PlainShape | undefined {
  const node = unwrap(initializer);
  switch (node.kind) {
    case SK.ObjectLiteralExpression:
      return plainObjectLiteral(node as ts.ObjectLiteralExpression, deep, q) ? 'object' : undefined;
    case SK.ArrayLiteralExpression:
      return plainArrayLiteral(node as ts.ArrayLiteralExpression, deep, q) ? 'array' : undefined;
    case SK.NewExpression:
      if (deep) return undefined;
      return isGlobalConstruction(node, 'Map', q.names) ? 'map' : isGlobalConstruction(node, 'Set', q.names) ? 'set' : undefined;
    case SK.CallExpression:
      if (isJsonParse(node, q.names)) return jsonShape(node.arguments[0]!);
      if (!isFreshArrayCall(node as ts.CallExpression, q)) return undefined;
      return !deep || q.types.isArrayOfPrimitives(node) ? 'array' : undefined;
    default:
      return undefined;
  }
}

/** The shape `JSON.parse` gives for literal text the analysis can read; `json` for any other text. */
function jsonShape(text: ts.Expression): PlainShape | undefined {
  const inner = unwrap(text);
  if (inner.kind !== SK.StringLiteral && inner.kind !== SK.NoSubstitutionTemplateLiteral) return 'json';
  let parsed: unknown;
  try {
    parsed = JSON.parse((inner as ts.StringLiteralLike).text);
  } catch {
    return undefined;
  }
  if (Array.isArray(parsed)) return 'array';
  return typeof parsed === 'object' && parsed !== null ? 'object' : undefined;
}
