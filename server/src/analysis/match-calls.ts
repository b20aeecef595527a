/**
 * Copies made by calls and constructors: `x.slice()`, `Array.from(x)`, `Object.assign({}, o)`,
 * `structuredClone(x)`, `JSON.parse(JSON.stringify(x))`, `new Map(m)`, `new Uint8Array(a)`,
 * `Buffer.from(b)`, lodash's clones and `postMessage`. Without types, an argument that visibly is
 * not a source to copy (a length, a literal to build from, a buffer to view) rules a site out;
 * anything else is a candidate the runtime checks again on the real value.
 */
import { ts } from 'ts-morph';
import { builtinPath, isBuiltin } from './builtin-names.js';
import { type LodashBindings, lodashCallKind } from './lodash-bindings.js';
import { type CopyMatch, copyMatch } from './match-result.js';
import type { NameResolver } from './name-resolution.js';
import { calledMemberName, isIdentifierNamed, unwrap } from './syntax.js';

/** What a matcher knows of the file: its bindings, by scope. */
export interface MatchContext {
  readonly names: NameResolver;
  readonly lodash: LodashBindings;
}

const SK = ts.SyntaxKind;

const TYPED_ARRAYS = new Set([
  'Int8Array',
  'Uint8Array',
  'Uint8ClampedArray',
  'Int16Array',
  'Uint16Array',
  'Int32Array',
  'Uint32Array',
  'Float32Array',
  'Float64Array',
  'BigInt64Array',
  'BigUint64Array',
]);

/** Properties that hold a number, so `new Uint8Array(x.length)` allocates instead of copying. */
const NUMERIC_PROPERTIES = new Set(['length', 'byteLength', 'byteOffset', 'size', 'BYTES_PER_ELEMENT']);

const NUMERIC_FUNCTIONS = new Set(['Number', 'parseInt', 'parseFloat']);

const ARITHMETIC = new Set([
  SK.PlusToken,
  SK.MinusToken,
  SK.AsteriskToken,
  SK.SlashToken,
  SK.PercentToken,
  SK.AsteriskAsteriskToken,
  SK.LessThanLessThanToken,
  SK.GreaterThanGreaterThanToken,
  SK.GreaterThanGreaterThanGreaterThanToken,
  SK.AmpersandToken,
  SK.BarToken,
  SK.CaretToken,
]);

/** The single argument of a call, undefined when there are more, none, or a spread. */
function soleArgument(args: ts.NodeArray<ts.Expression> | undefined): ts.Expression | undefined {
  const first = args?.[0];
  return args?.length === 1 && first?.kind !== SK.SpreadElement ? first : undefined;
}

function firstArgument(args: ts.NodeArray<ts.Expression>): ts.Expression | undefined {
  const first = args[0];
  return first?.kind === SK.SpreadElement ? undefined : first;
}

function isNumericExpression(node: ts.Expression): boolean {
  switch (node.kind) {
    case SK.NumericLiteral:
    case SK.BigIntLiteral:
    case SK.PrefixUnaryExpression:
      return true;
    case SK.BinaryExpression:
      return ARITHMETIC.has((node as ts.BinaryExpression).operatorToken.kind);
    case SK.PropertyAccessExpression:
      return NUMERIC_PROPERTIES.has((node as ts.PropertyAccessExpression).name.text);
    case SK.CallExpression: {
      const callee = (node as ts.CallExpression).expression;
      if (callee.kind === SK.Identifier) return NUMERIC_FUNCTIONS.has((callee as ts.Identifier).text);
      return callee.kind === SK.PropertyAccessExpression && isIdentifierNamed((callee as ts.PropertyAccessExpression).expression, 'Math');
    }
    default:
      return false;
  }
}

/** Memory a typed array or Buffer would view rather than copy: `x.buffer`, `new ArrayBuffer(n)`. */
function isRawBuffer(node: ts.Expression): boolean {
  if (node.kind === SK.PropertyAccessExpression) return (node as ts.PropertyAccessExpression).name.text === 'buffer';
  if (node.kind !== SK.NewExpression) return false;
  const constructor = (node as ts.NewExpression).expression;
  return isIdentifierNamed(constructor, 'ArrayBuffer') || isIdentifierNamed(constructor, 'SharedArrayBuffer');
}

function isStringLiteralLike(node: ts.Expression): boolean {
  return node.kind === SK.StringLiteral || node.kind === SK.NoSubstitutionTemplateLiteral || node.kind === SK.TemplateExpression;
}

function isNothing(node: ts.Expression): boolean {
  return isIdentifierNamed(node, 'undefined') || node.kind === SK.NullKeyword || node.kind === SK.VoidExpression;
}

function isCallOf(node: ts.Expression, path: string, names: NameResolver): node is ts.CallExpression {
  return node.kind === SK.CallExpression && isBuiltin((node as ts.CallExpression).expression, path, names);
}

function matchObjectAssign(node: ts.CallExpression, names: NameResolver): CopyMatch | undefined {
  const [target, ...sources] = node.arguments;
  if (target === undefined || sources.length === 0) return undefined;
  const inner = unwrap(target);
  const kind =
    inner.kind === SK.ObjectLiteralExpression && (inner as ts.ObjectLiteralExpression).properties.length === 0
      ? 'object-assign'
      : isCallOf(inner, 'Object.create', names)
        ? 'object-assign-proto'
        : undefined;
  if (kind === undefined) return undefined;
  // A spread source may stand for any number of sources.
  const writtenAtOnce = sources.length > 1 || sources.some((s) => s.kind === SK.SpreadElement || unwrap(s).kind === SK.ObjectLiteralExpression);
  return copyMatch(kind, node, writtenAtOnce);
}

function matchJsonRoundTrip(node: ts.CallExpression, names: NameResolver): CopyMatch | undefined {
  const text = soleArgument(node.arguments);
  if (text === undefined) return undefined;
  const inner = unwrap(text);
  return isCallOf(inner, 'JSON.stringify', names) && soleArgument(inner.arguments) !== undefined
    ? copyMatch('json-roundtrip', node, false)
    : undefined;
}

function matchArrayFrom(node: ts.CallExpression): CopyMatch | undefined {
  const source = firstArgument(node.arguments);
  // `Array.from({ length: n })` builds an array; a map function builds new elements as it copies.
  if (source === undefined || unwrap(source).kind === SK.ObjectLiteralExpression) return undefined;
  return copyMatch('array-from', node, node.arguments.length > 1);
}

function matchBufferFrom(node: ts.CallExpression): CopyMatch | undefined {
  const source = soleArgument(node.arguments);
  if (source === undefined) return undefined;
  const inner = unwrap(source);
  return isStringLiteralLike(inner) || inner.kind === SK.ArrayLiteralExpression || isRawBuffer(inner)
    ? undefined
    : copyMatch('buffer-copy', node, false);
}

/** A copy by a call of a built-in that takes the source as an argument: `structuredClone(x)`, `Object.assign({}, x)`. */
function matchBuiltinCall(node: ts.CallExpression, path: string, names: NameResolver): CopyMatch | undefined {
  switch (path) {
    case 'structuredClone':
      return firstArgument(node.arguments) !== undefined ? copyMatch('structured-clone', node, false) : undefined;
    case 'Array.from':
      return matchArrayFrom(node);
    case 'Buffer.from':
      return matchBufferFrom(node);
    case 'Object.assign':
      return matchObjectAssign(node, names);
    case 'JSON.parse':
      return matchJsonRoundTrip(node, names);
    default:
      return undefined;
  }
}

/** A copy by a method of whatever the receiver is (the runtime checks it): `x.slice()`, `port.postMessage(m)`. */
function matchMethodCall(node: ts.CallExpression, member: string): CopyMatch | undefined {
  switch (member) {
    case 'slice':
      return copyMatch('array-slice', node, false);
    case 'concat':
      return copyMatch('array-concat', node, node.arguments.length > 0);
    case 'postMessage':
      return firstArgument(node.arguments) !== undefined ? copyMatch('post-message', node, false) : undefined;
    default:
      return undefined;
  }
}

export function matchCall(node: ts.CallExpression, context: MatchContext): CopyMatch | undefined {
  const callee = node.expression;
  const builtin = builtinPath(callee, context.names);
  if (builtin !== undefined) {
    const match = matchBuiltinCall(node, builtin.path, context.names);
    // Through an alias only a plain call can be rewritten: the alias's value goes along, and the
    // runtime checks it is the built-in when it runs.
    if (match !== undefined) return builtin.direct ? match : unwrap(callee).kind === SK.Identifier ? { ...match, viaCallee: true } : undefined;
  }
  const member = calledMemberName(node);
  const method = member === undefined ? undefined : matchMethodCall(node, member);
  if (method !== undefined) return method;
  const kind = lodashCallKind(callee, context.lodash, context.names);
  return kind !== undefined && firstArgument(node.arguments) !== undefined ? copyMatch(kind, node, false) : undefined;
}

export function matchNew(node: ts.NewExpression, names: NameResolver): CopyMatch | undefined {
  const constructor = node.expression;
  if (constructor.kind !== SK.Identifier || !names.isGlobal(constructor as ts.Identifier)) return undefined;
  const name = (constructor as ts.Identifier).text;
  const isCollection = name === 'Map' || name === 'Set';
  if (!isCollection && !TYPED_ARRAYS.has(name)) return undefined;
  const source = soleArgument(node.arguments);
  if (source === undefined) return undefined;
  const inner = unwrap(source);
  if (inner.kind === SK.ArrayLiteralExpression || isNothing(inner)) return undefined;
  if (isCollection) return copyMatch(name === 'Map' ? 'map-copy' : 'set-copy', node, false);
  return isNumericExpression(inner) || isRawBuffer(inner) ? undefined : copyMatch('typed-array-copy', node, false);
}
