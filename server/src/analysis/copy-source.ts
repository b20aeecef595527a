/**
 * The original a copy is made from, where passing that original instead is the whole change the
 * "could share" hint suggests: `o` for `{ ...o }`, `a` for `[...a]`, `a.slice()`, `Array.from(a)`,
 * `new Set(s)`, `structuredClone(v)`, `Object.assign({}, o)`, `_.clone(o)`. Copies whose result is
 * not the original's content (a slice with bounds, a concat with arguments, an object rest, which
 * leaves keys out), that change values (a JSON round trip) or that go elsewhere (`postMessage`,
 * typed arrays and Buffers, which view memory) have none, and are never claimed.
 */
import { ts } from 'ts-morph';
import type { CopyMatch } from './match-result.js';

const SK = ts.SyntaxKind;

/** The one argument of a call, when it has exactly one and it is not a spread. */
function onlyArgument(args: readonly ts.Expression[] | undefined): ts.Expression | undefined {
  const first = args?.[0];
  return args?.length === 1 && first?.kind !== SK.SpreadElement ? first : undefined;
}

/** The expression whose value a dropped copy would pass on, undefined when dropping is not just that. */
export function droppableSource(match: CopyMatch): ts.Expression | undefined {
  if (match.writtenAtOnce) return undefined;
  const node = match.node;
  switch (match.kind) {
    case 'object-spread': {
      const [spread] = (node as ts.ObjectLiteralExpression).properties;
      return spread?.kind === SK.SpreadAssignment ? spread.expression : undefined;
    }
    case 'array-spread': {
      const [spread] = (node as ts.ArrayLiteralExpression).elements;
      return spread?.kind === SK.SpreadElement ? (spread as ts.SpreadElement).expression : undefined;
    }
    case 'array-slice':
    case 'array-concat': {
      const call = node as ts.CallExpression;
      return call.arguments.length === 0 && call.expression.kind === SK.PropertyAccessExpression && call.questionDotToken === undefined
        ? (call.expression as ts.PropertyAccessExpression).expression
        : undefined;
    }
    case 'array-from':
    case 'structured-clone':
    case 'lodash-clone':
    case 'lodash-clone-deep':
      return onlyArgument((node as ts.CallExpression).arguments);
    case 'map-copy':
    case 'set-copy':
      return onlyArgument((node as ts.NewExpression).arguments);
    case 'object-assign': {
      const args = (node as ts.CallExpression).arguments;
      return args.length === 2 && args[1]?.kind !== SK.SpreadElement ? args[1] : undefined;
    }
    default:
      return undefined;
  }
}
