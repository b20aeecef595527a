import { ts } from 'ts-morph';
import { parenthesesFor } from './emit-writes.js';
import { RUNTIME_REF } from './module-bindings.js';
import { Layer, type SourceEdits } from './source-edits.js';

/**
 * The link of `e`'s optional chain whose `?.` is the nearest before `e`'s end (`a?.b` in
 * `a?.b.c`, `a?.b?.c` in itself), where the chain can be cut there: a call `f?.()` only where `f`
 * is no member access, whose object the call would lose as its `this`.
 */
export function cutLinkOf(e: ts.Expression): ts.Expression | undefined {
  for (let n: ts.Node = e; (n.flags & ts.NodeFlags.OptionalChain) !== 0; ) {
    if (ts.isNonNullExpression(n)) {
      n = n.expression;
      continue;
    }
    if (!ts.isPropertyAccessExpression(n) && !ts.isElementAccessExpression(n) && !ts.isCallExpression(n)) return undefined;
    if (n.questionDotToken === undefined) {
      n = n.expression;
      continue;
    }
    if (ts.isCallExpression(n)) {
      let callee: ts.Expression = n.expression;
      while (ts.isParenthesizedExpression(callee) || ts.isNonNullExpression(callee)) callee = callee.expression;
      if (ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee)) return undefined;
    }
    return n;
  }
  return undefined;
}

/**
 * The whole optional chain `link` is a link of, where its short circuit ends (`link` itself if it
 * is none): the head of one of `cuts` above it (`a?.b.push(1).c` in `a?.b.push(1).c?.d.push(2)`,
 * cut at `?.d`) ends a chain of its own.
 */
export function chainOf(link: ts.Expression, cuts: ReadonlyMap<ts.Expression, number> = new Map()): ts.Expression {
  let n: ts.Expression = link;
  for (;;) {
    const parent = n.parent;
    const continues =
      !cuts.has(parent as ts.Expression) &&
      (parent.flags & ts.NodeFlags.OptionalChain) !== 0 &&
      (ts.isPropertyAccessExpression(parent) || ts.isElementAccessExpression(parent) || ts.isCallExpression(parent) || ts.isNonNullExpression(parent)) &&
      parent.expression === n;
    if (!continues) return n;
    n = parent;
  }
}

/**
 * Whether `chain` is a member access called in parentheses (`(a?.b.m)(x)`, a tag too): the call
 * gets its object as `this`, which a conditional in its place would not give.
 */
function isCalledReference(chain: ts.Expression): boolean {
  if (!ts.isPropertyAccessExpression(chain) && !ts.isElementAccessExpression(chain)) return false;
  let n: ts.Node = chain;
  while (ts.isParenthesizedExpression(n.parent)) n = n.parent;
  const parent = n.parent;
  return (ts.isCallExpression(parent) && parent.expression === n) || (ts.isTaggedTemplateExpression(parent) && parent.tag === n);
}

/**
 * Whether `node` is in a `with` statement, whose object is asked for every name: for `__cl$i`
 * between `chainStops` and `chainHead` (a Proxy's `has` trap would run there), and for the callee
 * of `f?.()`, which the call may get as its `this`.
 */
function inWith(node: ts.Node): boolean {
  for (let n: ts.Node | undefined = node; n !== undefined && !ts.isSourceFile(n); n = n.parent as ts.Node | undefined) {
    if (ts.isWithStatement(n)) return true;
  }
  return false;
}

/** The `delete` whose operand `chain` is (through parentheses): a stopped chain makes it `true`. */
function deleteOf(chain: ts.Expression): ts.DeleteExpression | undefined {
  let n: ts.Node = chain.parent;
  while (ts.isParenthesizedExpression(n)) n = n.parent;
  return ts.isDeleteExpression(n) ? n : undefined;
}

/**
 * Whether a conditional expression may stand in the place of `e` as it is, unparenthesized: where
 * the grammar takes any expression but a comma sequence (or an operand of one).
 */
function takesConditional(e: ts.Expression): boolean {
  const parent = e.parent;
  if (ts.isBinaryExpression(parent)) return parent.operatorToken.kind === ts.SyntaxKind.CommaToken;
  if (ts.isCallExpression(parent) || ts.isNewExpression(parent)) return parent.arguments?.includes(e) === true;
  if (ts.isArrowFunction(parent)) return parent.body === e;
  return (
    ts.isExpressionStatement(parent) ||
    ts.isParenthesizedExpression(parent) ||
    ts.isVariableDeclaration(parent) ||
    ts.isReturnStatement(parent) ||
    ts.isPropertyAssignment(parent) ||
    ts.isArrayLiteralExpression(parent) ||
    ts.isSpreadElement(parent)
  );
}

/**
 * Optional chains cut before a write in them, so that the runtime can be told of an object that is
 * a link of the chain (`a?.b` in `a?.b.push(x)`), which a pass through a call would cut otherwise:
 * `(R.chainStops(a) ? void 0 : R.touch(R.chainHead().b, L).push(x))`. The head before the `?.`
 * is evaluated once, kept by the runtime until the code after the cut takes it back, which
 * nothing runs between; a chain that stops gives `undefined` (`true` under `delete`) without
 * evaluating anything after its `?.`, as written. A write that would need a cut below one already
 * made is told there, the chain's head ending a chain of its own (writes are found from the
 * outside in); one that would need a cut above it, in a chain called in parentheses as a method
 * (`(a?.b.m)(x)`), or in a `with` statement, goes untold (README, Limits).
 */
export class ChainCuts {
  /** Per cut link, where the code after its `?.` begins in the instrumented text: the head's end. */
  private readonly cuts = new Map<ts.Expression, number>();
  private readonly chains = new Set<ts.Expression>();

  constructor(private readonly sf: ts.SourceFile) {}

  /**
   * Cuts the chain at `link`'s `?.` (once) for the write `at`: where text put before a link above
   * the cut goes; undefined when the chain has another cut.
   */
  cut(link: ts.Expression, at: ts.Node, edits: SourceEdits): number | undefined {
    const done = this.cuts.get(link);
    if (done !== undefined) return done;
    // The walk over the module sets parent pointers on its way down, and has not reached `link` yet.
    for (let n: ts.Node = at; n !== link; ) {
      const child = (n as ts.Node & { expression?: ts.Node }).expression;
      if (child === undefined) return undefined;
      (child as { parent: ts.Node }).parent = n;
      n = child;
    }
    const chain = chainOf(link, this.cuts);
    if (this.chains.has(chain) || isCalledReference(chain) || inWith(at)) return undefined;
    this.chains.add(chain);
    const { sf } = this;
    const head = (link as ts.PropertyAccessExpression | ts.ElementAccessExpression | ts.CallExpression).expression;
    const dot = (link as ts.PropertyAccessExpression | ts.ElementAccessExpression | ts.CallExpression).questionDotToken!;
    const deleted = deleteOf(chain);
    const whole = deleted ?? chain;
    // A chain that is the head of another cut is the argument of its `chainStops(…)`.
    const bare = takesConditional(whole) || this.cuts.has(chain.parent as ts.Expression);
    const [before, after] = bare ? ['', ''] : parenthesesFor(whole, sf);
    if (deleted === undefined) {
      edits.wrap(chain.getStart(sf), chain.end, before, after, Layer.Wrap);
    } else {
      const keyword = deleted.getStart(sf);
      edits.replace(keyword, keyword + 'delete'.length, before);
      edits.wrap(keyword, deleted.end, '', after, Layer.Wrap);
    }
    edits.wrap(head.getStart(sf), head.end, `${RUNTIME_REF}.chainStops(`, deleted === undefined ? ') ? void 0 : ' : ') ? true : delete ', Layer.Cut);
    edits.replace(dot.getStart(sf), dot.end, `${RUNTIME_REF}.chainHead()${ts.isPropertyAccessExpression(link) ? '.' : ''}`);
    this.cuts.set(link, head.end);
    return head.end;
  }

  /**
   * Where text put before `node` goes: after the cut, where `node` is a link above the cut of its
   * chain; else where `node` begins. Undefined where `node` is still a link of an optional chain.
   */
  startOf(node: ts.Expression): number | undefined {
    if ((node.flags & ts.NodeFlags.OptionalChain) === 0) return node.getStart(this.sf);
    const link = cutLinkOf(node);
    return link === undefined ? undefined : this.cuts.get(link);
  }
}
