/**
 * The scan's tree walk: the nodes of some kinds that can run, parents before children, in source
 * order. Types, `declare` contexts and bodiless signatures are skipped whole. It sets the parent
 * pointer of every node it passes, which is what the matcher and the could-share rule need, for
 * one assignment per node instead of the parser's extra pass. The kinds are looked up in a table:
 * the walk visits every node of a file, a million in a large bundle.
 */
import { ts } from 'ts-morph';
import { isNonValueSyntax } from './value-position.js';

export function walkValueNodes(sourceFile: ts.SourceFile, kinds: readonly ts.SyntaxKind[], visit: (node: ts.Node) => void): void {
  const wanted = new Uint8Array(ts.SyntaxKind.Count);
  for (const kind of kinds) wanted[kind] = 1;
  let parent: ts.Node = sourceFile;
  const step = (node: ts.Node): undefined => {
    (node as { parent: ts.Node }).parent = parent;
    if (isNonValueSyntax(node)) return;
    if (wanted[node.kind] === 1) visit(node);
    const saved = parent;
    parent = node;
    ts.forEachChild(node, step);
    parent = saved;
  };
  ts.forEachChild(sourceFile, step);
}
