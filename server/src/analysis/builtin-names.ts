/**
 * Which built-in an expression denotes, by scope: `Object.assign` is the built-in only where
 * `Object` resolves to the global, and so is `assign` after `const { assign } = Object` or
 * `const assign = Object.assign || polyfill`. A path is the built-in's dotted name as the global
 * object reaches it ('structuredClone', 'Object.assign', 'Array.prototype.push').
 */
import { ts } from 'ts-morph';
import { GLOBAL, type NameResolver, UNKNOWN } from './name-resolution.js';
import { unwrap } from './syntax.js';

const SK = ts.SyntaxKind;

export interface BuiltinPath {
  readonly path: string;
  /**
   * The expression is the built-in as written, globals all the way: no alias stands between, so
   * a rewrite may call the built-in in its place. An alias (`const assign = Object.assign || p`)
   * may hold something else when it runs, so a rewrite must pass its value along.
   */
  readonly direct: boolean;
}

/** How many declarations an alias may go through: `const a = Object.assign; const b = a;`. */
const MAX_ALIAS_DEPTH = 3;

/** The names of the global object itself. */
const GLOBAL_OBJECT = 'globalThis';

function join(base: BuiltinPath, member: string): BuiltinPath {
  return { path: base.path === GLOBAL_OBJECT ? member : `${base.path}.${member}`, direct: base.direct };
}

function memberName(access: ts.PropertyAccessExpression | ts.ElementAccessExpression): string | undefined {
  if (ts.isPropertyAccessExpression(access)) return ts.isIdentifier(access.name) ? access.name.text : undefined;
  const key = access.argumentExpression;
  return ts.isStringLiteralLike(key) ? key.text : undefined;
}

/** What an alias's declaration binds it to: `x` in `const a = x`, `Object.assign` in `const { assign } = Object`. */
function aliasOf(name: ts.Identifier, names: NameResolver, depth: number): BuiltinPath | undefined {
  const declaration = name.parent;
  if (ts.isVariableDeclaration(declaration) && declaration.name === name && declaration.initializer !== undefined) {
    return builtinPathAt(declaration.initializer, names, depth + 1);
  }
  if (!ts.isBindingElement(declaration) || declaration.dotDotDotToken !== undefined || declaration.initializer !== undefined) return undefined;
  const pattern = declaration.parent;
  const owner = pattern.parent;
  if (!ts.isObjectBindingPattern(pattern) || !ts.isVariableDeclaration(owner) || owner.initializer === undefined) return undefined;
  const key = declaration.propertyName ?? declaration.name;
  if (!ts.isIdentifier(key) && !ts.isStringLiteral(key)) return undefined;
  const base = builtinPathAt(owner.initializer, names, depth + 1);
  return base && join(base, key.text);
}

function builtinPathAt(node: ts.Expression, names: NameResolver, depth: number): BuiltinPath | undefined {
  const e = unwrap(node);
  switch (e.kind) {
    case SK.Identifier: {
      const resolution = names.resolve(e as ts.Identifier);
      if (resolution === GLOBAL) return { path: (e as ts.Identifier).text, direct: true };
      if (resolution === UNKNOWN || depth >= MAX_ALIAS_DEPTH) return undefined;
      const alias = aliasOf(resolution.name, names, depth);
      return alias && { path: alias.path, direct: false };
    }
    case SK.PropertyAccessExpression:
    case SK.ElementAccessExpression: {
      const access = e as ts.PropertyAccessExpression | ts.ElementAccessExpression;
      const member = memberName(access);
      if (member === undefined || access.questionDotToken !== undefined) return undefined;
      const base = builtinPathAt(access.expression, names, depth);
      return base && join(base, member);
    }
    case SK.BinaryExpression: {
      const { left, operatorToken, right } = e as ts.BinaryExpression;
      switch (operatorToken.kind) {
        // `Object.assign || polyfill`, `ok && Object.assign`: either side may be what runs.
        case SK.BarBarToken:
        case SK.QuestionQuestionToken:
        case SK.AmpersandAmpersandToken: {
          const either = builtinPathAt(left, names, depth) ?? builtinPathAt(right, names, depth);
          return either && { path: either.path, direct: false };
        }
        // `(0, Object.assign)(o, v)`, `(f = Object.assign)(o, v)`: the right side is the value; the
        // left still runs, so a rewrite must pass the value along.
        case SK.CommaToken:
        case SK.EqualsToken: {
          const value = builtinPathAt(right, names, depth);
          return value && { path: value.path, direct: false };
        }
        default:
          return undefined;
      }
    }
    case SK.ConditionalExpression: {
      const { whenTrue, whenFalse } = e as ts.ConditionalExpression;
      const either = builtinPathAt(whenTrue, names, depth) ?? builtinPathAt(whenFalse, names, depth);
      return either && { path: either.path, direct: false };
    }
    default:
      return undefined;
  }
}

export function builtinPath(node: ts.Expression, names: NameResolver): BuiltinPath | undefined {
  return builtinPathAt(node, names, 0);
}

/** Whether `node` is the built-in `path` as written, with no alias between. */
export function isBuiltin(node: ts.Expression, path: string, names: NameResolver): boolean {
  const found = builtinPath(node, names);
  return found?.direct === true && found.path === path;
}
