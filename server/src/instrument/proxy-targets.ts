import { ts } from 'ts-morph';
import { builtinPath } from '../analysis/builtin-names.js';
import type { NameResolver } from '../analysis/name-resolution.js';
import { unwrap } from '../analysis/syntax.js';

/**
 * The target of a Proxy the program makes: `t` in `new Proxy(t, h)` and `Proxy.revocable(t, h)`,
 * where `Proxy` is the global by scope (as written, as `globalThis.Proxy`, or through an alias;
 * `revocable` by that name). V8 itself writes that target for every trap the handler lacks
 * (`p.k = v`, `p.push(x)`, `Reflect.set(p, k, v)`), where no write barrier sees it, so the runtime
 * lends it before the Proxy is made. None for a spread, or a literal: nothing shares a value
 * made right there.
 */
export function proxyTargetOf(node: ts.Node, names: NameResolver): ts.Expression | undefined {
  if (ts.isNewExpression(node)) {
    if (builtinPath(node.expression, names)?.path !== 'Proxy') return undefined;
  } else if (!ts.isCallExpression(node) || !namedRevocable(node.expression) || builtinPath(node.expression, names)?.path !== 'Proxy.revocable') {
    return undefined;
  }
  const target = node.arguments?.[0];
  if (target === undefined || ts.isSpreadElement(target)) return undefined;
  const made = unwrap(target);
  return ts.isObjectLiteralExpression(made) || ts.isArrayLiteralExpression(made) || ts.isFunctionExpression(made) || ts.isArrowFunction(made) || ts.isClassExpression(made)
    ? undefined
    : target;
}

/** Asked first, since most calls are not to `revocable`: resolving every callee's name would cost a scope walk each. */
function namedRevocable(callee: ts.Expression): boolean {
  const e = unwrap(callee);
  if (ts.isIdentifier(e)) return e.text === 'revocable';
  if (ts.isPropertyAccessExpression(e)) return e.name.text === 'revocable';
  return ts.isElementAccessExpression(e) && ts.isStringLiteralLike(e.argumentExpression) && e.argumentExpression.text === 'revocable';
}
