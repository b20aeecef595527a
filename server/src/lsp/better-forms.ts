/**
 * Rewrites of copy sites into a better form of the same copy, computed from the syntax so the
 * edit covers exactly the copy expression and keeps the user's own text for its operands:
 * `JSON.parse(JSON.stringify(x))` → `structuredClone(x)`, `Object.assign({}, a, b)` → `{ ...a, ...b }`.
 */
import { ts } from 'ts-morph';
import type { Range } from 'vscode-languageserver/node';
import type { StaticSite } from '../analysis/scan-source.js';
import { isMemberOf, unwrap } from '../analysis/syntax.js';

const SK = ts.SyntaxKind;

export interface BetterForm {
  /** What the fix does and, where they differ, how the result behaves differently. */
  readonly title: string;
  readonly range: Range;
  readonly newText: string;
  readonly preferred: boolean;
}

/** The call at exactly [start, end), with its ancestors, outermost first. */
function callAt(sourceFile: ts.SourceFile, start: number, end: number): { call: ts.CallExpression; ancestors: ts.Node[] } | undefined {
  const ancestors: ts.Node[] = [];
  let node: ts.Node = sourceFile;
  for (;;) {
    if (node.kind === SK.CallExpression && node.getStart(sourceFile) === start && node.end === end) return { call: node as ts.CallExpression, ancestors };
    const child: ts.Node | undefined = ts.forEachChild(node, (c) => (c.getStart(sourceFile) <= start && end <= c.end ? c : undefined));
    if (child === undefined) return undefined;
    ancestors.push(node);
    node = child;
  }
}

const textOf = (sourceFile: ts.SourceFile, node: ts.Node): string => sourceFile.text.slice(node.getStart(sourceFile), node.end);

/**
 * An object literal at the start of a statement or of an arrow function's body would be read as
 * a block: `() => { ...x }`. Such a spread needs parentheses.
 */
function needsParentheses(call: ts.CallExpression, ancestors: readonly ts.Node[], sourceFile: ts.SourceFile): boolean {
  const start = call.getStart(sourceFile);
  let child: ts.Node = call;
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const parent = ancestors[i]!;
    if (parent.kind === SK.ExpressionStatement) return true;
    if (parent.kind === SK.ArrowFunction && (parent as ts.ArrowFunction).body === child) return true;
    if (parent.getStart(sourceFile) !== start) return false;
    child = parent;
  }
  return false;
}

function jsonRoundTripForm(sourceFile: ts.SourceFile, call: ts.CallExpression): Omit<BetterForm, 'range'> | undefined {
  const [text] = call.arguments;
  if (call.arguments.length !== 1 || text === undefined || !isMemberOf(call.expression, 'JSON', 'parse')) return undefined;
  const stringify = unwrap(text);
  if (stringify.kind !== SK.CallExpression || !isMemberOf((stringify as ts.CallExpression).expression, 'JSON', 'stringify')) return undefined;
  const [value] = (stringify as ts.CallExpression).arguments;
  if ((stringify as ts.CallExpression).arguments.length !== 1 || value === undefined || value.kind === SK.SpreadElement) return undefined;
  return {
    title: 'Replace the JSON round trip with structuredClone (faster; unlike JSON it keeps Dates, Maps, Sets and undefined, and throws on functions)',
    newText: `structuredClone(${textOf(sourceFile, value)})`,
    preferred: true,
  };
}

function objectAssignForm(sourceFile: ts.SourceFile, call: ts.CallExpression, ancestors: readonly ts.Node[]): Omit<BetterForm, 'range'> | undefined {
  const [target, ...sources] = call.arguments;
  if (target === undefined || sources.length === 0 || !isMemberOf(call.expression, 'Object', 'assign')) return undefined;
  const inner = unwrap(target);
  if (inner.kind !== SK.ObjectLiteralExpression || (inner as ts.ObjectLiteralExpression).properties.length > 0) return undefined;
  // `Object.assign({}, ...list)` takes any number of sources; one spread of the list in a literal would not.
  if (sources.some((source) => source.kind === SK.SpreadElement)) return undefined;
  const literal = `{ ${sources.map((source) => `...${textOf(sourceFile, source)}`).join(', ')} }`;
  return {
    title: 'Replace Object.assign({}, …) with an object spread (the same shallow copy; a spread defines the properties where Object.assign sets them, so a "__proto__" key stays a plain property)',
    newText: needsParentheses(call, ancestors, sourceFile) ? `(${literal})` : literal,
    preferred: false,
  };
}

/** The better form of a site, when its kind has one and its syntax allows it. */
export function betterFormOf(sourceFile: ts.SourceFile, site: StaticSite): BetterForm | undefined {
  if (site.kind !== 'json-roundtrip' && site.kind !== 'object-assign') return undefined;
  const start = sourceFile.getPositionOfLineAndCharacter(site.line - 1, site.column - 1);
  const end = sourceFile.getPositionOfLineAndCharacter(site.endLine - 1, site.endColumn - 1);
  const found = callAt(sourceFile, start, end);
  if (found === undefined) return undefined;
  const form = site.kind === 'json-roundtrip' ? jsonRoundTripForm(sourceFile, found.call) : objectAssignForm(sourceFile, found.call, found.ancestors);
  if (form === undefined) return undefined;
  const range = { start: { line: site.line - 1, character: site.column - 1 }, end: { line: site.endLine - 1, character: site.endColumn - 1 } };
  return { ...form, range };
}
