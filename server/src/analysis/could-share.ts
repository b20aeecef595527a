/**
 * The static "could share" hint: true only when syntax proves the copy is never written, so a
 * copy-on-write view could stand in for it and nothing would ever be copied. The rule:
 *
 * - Never for an eager copy (it is written as it is made) or a `postMessage` (the copy lives in
 *   another realm, out of sight).
 * - A copy bound to a `const` (`const c = [...a]`, or the rest of `const { a, ...c } = o`) could
 *   share when the binding is not exported, its scope is private to the file (not the top level
 *   of a classic script), the scope has no direct `eval`, and every reference to the name in the
 *   scope, nested functions included, is a read use (see `read-only-use.ts`). No references at all
 *   also counts.
 * - A copy not bound to anything could share when the copy expression itself is a read use:
 *   `JSON.stringify({ ...o })`, `[...a].map((x) => x.id)`, `for (const x of a.slice())`.
 * - Anything else (a `let`, a parameter, a destructuring assignment, an assignment to a property)
 *   does not.
 *
 * A read use reads the copy through property accesses and lands where it is only read. It is not
 * a read use when it is on the left of an assignment, under `++`, `--` or `delete`, in a
 * destructuring target, the callee or receiver of a method not known to only read, returned,
 * passed to a function not known to only read, stored, thrown, or anything not listed as reading.
 * Uses of a shadowing binding with the same name are judged too, which can only make the rule
 * stricter. Needs parent pointers on the whole file.
 */
import { ts } from 'ts-morph';
import { findReferences } from './binding-references.js';
import type { CopyMatch } from './match-result.js';
import { isReadOnlyUse } from './read-only-use.js';
import { hasModifier, outermostWrapper } from './syntax.js';

const SK = ts.SyntaxKind;

interface ConstBinding {
  readonly name: string;
  readonly list: ts.VariableDeclarationList;
}

function isConstList(list: ts.Node): list is ts.VariableDeclarationList {
  // `await using` sets the Const bit too (AwaitUsing = Const | Using), and disposing calls a method of the value.
  return list.kind === SK.VariableDeclarationList && (list.flags & ts.NodeFlags.Const) !== 0 && (list.flags & ts.NodeFlags.Using) === 0;
}

function constBinding(declaration: ts.Node, name: ts.Node): ConstBinding | undefined {
  if (declaration.kind !== SK.VariableDeclaration || name.kind !== SK.Identifier || !isConstList(declaration.parent)) return undefined;
  return { name: (name as ts.Identifier).text, list: declaration.parent };
}

/** The const a rest element binds: `c` in `const { a, ...c } = o`, at any depth of the pattern. */
function restBinding(pattern: ts.ObjectBindingPattern, rest: ts.BindingElement): ConstBinding | undefined {
  let outer: ts.Node = pattern;
  while (outer.parent.kind === SK.BindingElement) outer = outer.parent.parent;
  return constBinding(outer.parent, rest.name);
}

/** The const a copy is bound to; `'unbound'` when its value goes straight into an expression. */
function bindingOf(match: CopyMatch): ConstBinding | 'unbound' | undefined {
  if (match.kind === 'object-rest') {
    return match.node.kind === SK.ObjectBindingPattern
      ? restBinding(match.node as ts.ObjectBindingPattern, match.at as ts.BindingElement)
      : undefined;
  }
  const outer = outermostWrapper(match.node);
  const parent = outer.parent;
  if (parent.kind !== SK.VariableDeclaration || (parent as ts.VariableDeclaration).initializer !== outer) return 'unbound';
  return constBinding(parent, (parent as ts.VariableDeclaration).name);
}

/** The node that holds every reference to a const declared by `list`, when the file holds them all. */
function scopeOf(list: ts.VariableDeclarationList, isModule: boolean): ts.Node | undefined {
  const holder = list.parent;
  if (holder.kind !== SK.VariableStatement) return holder;
  if (hasModifier(holder, SK.ExportKeyword)) return undefined;
  let scope = holder.parent;
  if (scope.kind === SK.CaseClause || scope.kind === SK.DefaultClause) scope = scope.parent;
  return scope.kind === SK.SourceFile && !isModule ? undefined : scope;
}

interface PendingBinding {
  readonly name: string;
  readonly deep: boolean;
  readonly index: number;
}

/** One hint per match, in order. References are looked up once per scope, for every binding in it. */
export function decideCouldShare(matches: readonly CopyMatch[], isModule: boolean): boolean[] {
  const decided = matches.map(() => false);
  const byScope = new Map<ts.Node, PendingBinding[]>();
  matches.forEach((match, index) => {
    if (match.eager || match.kind === 'post-message') return;
    const binding = bindingOf(match);
    if (binding === 'unbound') {
      decided[index] = isReadOnlyUse(match.node, match.deep);
      return;
    }
    const scope = binding === undefined ? undefined : scopeOf(binding.list, isModule);
    if (binding === undefined || scope === undefined) return;
    const pending = byScope.get(scope);
    const entry = { name: binding.name, deep: match.deep, index };
    if (pending === undefined) byScope.set(scope, [entry]);
    else pending.push(entry);
  });
  for (const [scope, bindings] of byScope) {
    const references = findReferences(scope, new Set(bindings.map((b) => b.name)));
    if (references.callsEval) continue;
    for (const { name, deep, index } of bindings) {
      decided[index] = (references.byName.get(name) ?? []).every((reference) => isReadOnlyUse(reference, deep));
    }
  }
  return decided;
}
