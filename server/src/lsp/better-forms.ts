/**
 * Rewrites of copy sites into a better form of the same copy, computed from the syntax so the
 * edit covers exactly the copy expression and keeps the user's own text for its operands. Each
 * title says everything the rewrite changes, or the rewrite is not offered:
 * - `JSON.parse(JSON.stringify(x))` → `structuredClone(x)`: the title lists every kind of value
 *   the two copy differently (`clone-differences.ts`, held to what they do by a differential
 *   test); preferred only where the type checker proves `x` plain data;
 * - `Object.assign({}, a, b)` → `{ ...a, ...b }`: offered only where nothing can tell them apart.
 *   `Object.assign` evaluates every argument before it copies and sets each property (running a
 *   setter in its way, `__proto__`'s first), where a spread evaluates and defines one source at a
 *   time; so every source must be a name or a property read whose objects the type checker proves
 *   plain data (no getter runs, no argument has effects), with declared keys none of which is
 *   `__proto__`. What is left, a setter a program defines on `Object.prototype`, is in the title.
 */
import { ts } from 'ts-morph';
import type { Range } from 'vscode-languageserver/node';
import { GLOBAL, UNKNOWN } from '../analysis/name-resolution.js';
import type { PlainQuestions } from '../analysis/plain-source.js';
import type { StaticSite } from '../analysis/scan-source.js';
import { isMemberOf, unwrap } from '../analysis/syntax.js';
import { cloneDifferencesText } from './clone-differences.js';

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

/** Whether `name` at `site` would mean the global: no binding of the file with that name has the site in its scope. */
function isGlobalAt(sourceFile: ts.SourceFile, site: ts.Node, name: string, facts: PlainQuestions): boolean {
  let shadowed = false;
  const visit = (node: ts.Node): void => {
    if (shadowed) return;
    if (node.kind !== SK.Identifier || (node as ts.Identifier).text !== name) {
      ts.forEachChild(node, visit);
      return;
    }
    const resolution = facts.names.resolve(node as ts.Identifier);
    if (resolution === GLOBAL) return;
    shadowed = resolution === UNKNOWN || (resolution.scope.pos <= site.pos && site.end <= resolution.scope.end);
  };
  visit(sourceFile);
  return !shadowed;
}

function jsonRoundTripForm(sourceFile: ts.SourceFile, call: ts.CallExpression, facts: PlainQuestions): Omit<BetterForm, 'range'> | undefined {
  const [text] = call.arguments;
  if (call.arguments.length !== 1 || text === undefined || !isMemberOf(call.expression, 'JSON', 'parse')) return undefined;
  const stringify = unwrap(text);
  if (stringify.kind !== SK.CallExpression || !isMemberOf((stringify as ts.CallExpression).expression, 'JSON', 'stringify')) return undefined;
  const [value] = (stringify as ts.CallExpression).arguments;
  if ((stringify as ts.CallExpression).arguments.length !== 1 || value === undefined || value.kind === SK.SpreadElement) return undefined;
  if (!isGlobalAt(sourceFile, call, 'structuredClone', facts)) return undefined;
  return {
    title: `Replace the JSON round trip with structuredClone (faster; it ${cloneDifferencesText()})`,
    newText: `structuredClone(${textOf(sourceFile, value)})`,
    preferred: facts.types.isPlainData(value),
  };
}

/** `a`, `a.b.c`: a name of the file, or property reads on one. */
function namePath(node: ts.Expression): ts.Expression[] | undefined {
  const inner = unwrap(node);
  if (inner.kind === SK.Identifier) return [inner];
  if (inner.kind !== SK.PropertyAccessExpression || (inner as ts.PropertyAccessExpression).questionDotToken !== undefined) return undefined;
  const base = namePath((inner as ts.PropertyAccessExpression).expression);
  return base && [...base, inner];
}

/** A source whose reading runs nothing and whose copy sets no key a built-in setter takes. */
function isInertSource(source: ts.Expression, facts: PlainQuestions): boolean {
  if (source.kind === SK.SpreadElement) return false;
  const path = namePath(source);
  const root = path?.[0];
  if (path === undefined || root === undefined) return false;
  const resolution = facts.names.resolve(root as ts.Identifier);
  if (typeof resolution === 'symbol') return false;
  return path.slice(0, -1).every((object) => facts.types.isPlainData(object)) && facts.types.isPlainRecord(source);
}

function objectAssignForm(sourceFile: ts.SourceFile, call: ts.CallExpression, ancestors: readonly ts.Node[], facts: PlainQuestions): Omit<BetterForm, 'range'> | undefined {
  const [target, ...sources] = call.arguments;
  if (target === undefined || sources.length === 0 || !isMemberOf(call.expression, 'Object', 'assign')) return undefined;
  const inner = unwrap(target);
  if (inner.kind !== SK.ObjectLiteralExpression || (inner as ts.ObjectLiteralExpression).properties.length > 0) return undefined;
  if (!sources.every((source) => isInertSource(source, facts))) return undefined;
  const literal = `{ ${sources.map((source) => `...${textOf(sourceFile, source)}`).join(', ')} }`;
  return {
    title: 'Replace Object.assign({}, …) with an object spread (the same shallow copy of plain data; a spread defines each property, so a setter a program puts on Object.prototype for one of these keys would no longer run)',
    newText: needsParentheses(call, ancestors, sourceFile) ? `(${literal})` : literal,
    preferred: false,
  };
}

/** The better form of a site, when its kind has one and its syntax allows it. */
export function betterFormOf(sourceFile: ts.SourceFile, site: StaticSite, facts: PlainQuestions): BetterForm | undefined {
  if (site.kind !== 'json-roundtrip' && site.kind !== 'object-assign') return undefined;
  const start = sourceFile.getPositionOfLineAndCharacter(site.line - 1, site.column - 1);
  const end = sourceFile.getPositionOfLineAndCharacter(site.endLine - 1, site.endColumn - 1);
  const found = callAt(sourceFile, start, end);
  if (found === undefined) return undefined;
  const form = site.kind === 'json-roundtrip' ? jsonRoundTripForm(sourceFile, found.call, facts) : objectAssignForm(sourceFile, found.call, found.ancestors, facts);
  if (form === undefined) return undefined;
  const range = { start: { line: site.line - 1, character: site.column - 1 }, end: { line: site.endLine - 1, character: site.endColumn - 1 } };
  return { ...form, range };
}
