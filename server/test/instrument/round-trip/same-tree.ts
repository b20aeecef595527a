/**
 * Whether two parsed files have the same syntax tree: node kinds, the flags and operator fields
 * that are not child nodes (`let` or `const`, `++` or `--`), and the texts of names and literals.
 * Positions, trivia, comments and parentheses are not compared: parentheses only group, and the
 * instrumenter's calls stand where a parenthesised expression stood.
 */
import { ts } from 'ts-morph';

export interface TreeDifference {
  /** Node kinds from the file down to the differing nodes, with the index in each list. */
  readonly path: string;
  readonly original: ts.Node;
  readonly restored: ts.Node;
  readonly what: string;
}

/** Called on each pair of nodes the trees agree on so far; a string is a difference. */
export type PairCheck = (original: ts.Node, restored: ts.Node) => string | undefined;

/** Flags that are part of what the code says, not of how it was parsed. */
const COMPARED_FLAGS =
  ts.NodeFlags.Let |
  ts.NodeFlags.Const |
  ts.NodeFlags.Using |
  ts.NodeFlags.OptionalChain |
  ts.NodeFlags.Namespace |
  ts.NodeFlags.NestedNamespace |
  ts.NodeFlags.GlobalAugmentation;

/** Fields some node kinds keep a token or a choice in, instead of a child node. */
const COMPARED_FIELDS = ['operator', 'keywordToken', 'token', 'isTypeOnly', 'isExportEquals', 'isTypeOf', 'phaseModifier'] as const;

/** Kinds whose source text is their meaning: compared as written (quotes, escapes, digits). */
const LITERAL_KINDS: ReadonlySet<ts.SyntaxKind> = new Set([
  ts.SyntaxKind.NumericLiteral,
  ts.SyntaxKind.BigIntLiteral,
  ts.SyntaxKind.StringLiteral,
  ts.SyntaxKind.RegularExpressionLiteral,
  ts.SyntaxKind.NoSubstitutionTemplateLiteral,
  ts.SyntaxKind.TemplateHead,
  ts.SyntaxKind.TemplateMiddle,
  ts.SyntaxKind.TemplateTail,
]);

/** SyntaxKind names, the first of each value (the enum's reverse map keeps markers like `FirstAssignment`). */
const KIND_NAMES = new Map<number, string>();
for (const [name, value] of Object.entries(ts.SyntaxKind)) {
  if (typeof value === 'number' && !KIND_NAMES.has(value) && !/^(First|Last)/.test(name)) KIND_NAMES.set(value, name);
}
export const kindName = (kind: ts.SyntaxKind): string => KIND_NAMES.get(kind) ?? String(kind);

interface Pending {
  readonly a: ts.Node;
  readonly b: ts.Node;
  readonly label: string;
  readonly parent: Pending | undefined;
}

type Child = ts.Node | ts.NodeArray<ts.Node>;

/**
 * The first difference between the trees, in source order of the original, or undefined. Walks
 * with a stack of its own: generated code nests deeper than the call stack allows.
 */
export function firstDifference(original: ts.SourceFile, restored: ts.SourceFile, check?: PairCheck): TreeDifference | undefined {
  const stack: Pending[] = [{ a: original, b: restored, label: kindName(original.kind), parent: undefined }];
  for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
    const { a, b } = top;
    const differ = (what: string): TreeDifference => ({ path: pathOf(top), original: a, restored: b, what });
    if (a.kind !== b.kind) return differ(`kind ${kindName(a.kind)} ≠ ${kindName(b.kind)}`);
    const leafA = leafText(a, original);
    const leafB = leafText(b, restored);
    if (leafA !== leafB) return differ(`text ${JSON.stringify(leafA)} ≠ ${JSON.stringify(leafB)}`);
    if ((a.flags & COMPARED_FLAGS) !== (b.flags & COMPARED_FLAGS)) return differ(`flags ${String(a.flags & COMPARED_FLAGS)} ≠ ${String(b.flags & COMPARED_FLAGS)}`);
    for (const field of COMPARED_FIELDS) {
      const fa = (a as unknown as Record<string, unknown>)[field];
      const fb = (b as unknown as Record<string, unknown>)[field];
      if (fa !== fb) return differ(`${field} ${String(fa)} ≠ ${String(fb)}`);
    }
    const own = check?.(a, b);
    if (own !== undefined) return differ(own);
    const childrenA = childrenOf(a);
    const childrenB = childrenOf(b);
    if (childrenA.length !== childrenB.length) return differ(`${String(childrenA.length)} ≠ ${String(childrenB.length)} child slots`);
    // Pushed last to first, so the first child is compared first.
    for (let i = childrenA.length - 1; i >= 0; i--) {
      const ca = childrenA[i]!;
      const cb = childrenB[i]!;
      const aIsList = isNodeArray(ca);
      if (aIsList !== isNodeArray(cb)) return differ(`child slot ${String(i)}: a list in one tree only`);
      if (!aIsList) {
        const [na, nb] = [canonical(ca), canonical(cb as ts.Node)];
        stack.push({ a: na, b: nb, label: kindName(na.kind), parent: top });
        continue;
      }
      const listB = cb as ts.NodeArray<ts.Node>;
      if (ca.length !== listB.length) return differ(`child slot ${String(i)}: ${String(ca.length)} ≠ ${String(listB.length)} elements`);
      for (let k = ca.length - 1; k >= 0; k--) {
        const [na, nb] = [canonical(ca[k]!), canonical(listB[k]!)];
        stack.push({ a: na, b: nb, label: `${kindName(na.kind)}[${String(k)}]`, parent: top });
      }
    }
  }
  return undefined;
}

function isNodeArray(child: Child): child is ts.NodeArray<ts.Node> {
  return Array.isArray(child);
}

function childrenOf(node: ts.Node): Child[] {
  const out: Child[] = [];
  ts.forEachChild(
    node,
    (child) => {
      out.push(child);
    },
    (children) => {
      out.push(children);
    },
  );
  return out;
}

/**
 * The node compared in place of `node`: what parentheses hold, and for `globalThis.name` the name
 * (the instrumenter calls a built-in reached through the global object by its global name).
 */
function canonical(node: ts.Node): ts.Node {
  let inner = node;
  while (ts.isParenthesizedExpression(inner)) inner = inner.expression;
  if (ts.isPropertyAccessExpression(inner) && !inner.questionDotToken && ts.isIdentifier(inner.name)) {
    let object: ts.Expression = inner.expression;
    while (ts.isParenthesizedExpression(object)) object = object.expression;
    if (ts.isIdentifier(object) && object.text === 'globalThis') return inner.name;
  }
  return inner;
}

function leafText(node: ts.Node, sf: ts.SourceFile): string | undefined {
  if (ts.isIdentifier(node) || ts.isPrivateIdentifier(node)) return node.text;
  if (LITERAL_KINDS.has(node.kind)) return sf.text.slice(node.getStart(sf), node.end);
  if (ts.isJsxText(node)) return node.text;
  return undefined;
}

function pathOf(pending: Pending): string {
  const labels: string[] = [];
  for (let p: Pending | undefined = pending; p !== undefined; p = p.parent) labels.push(p.label);
  return labels.reverse().join(' > ');
}
