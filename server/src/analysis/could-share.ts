/**
 * The static "could share" hint: a claim that passing the original instead of the copy would
 * change nothing the program does. A user who follows a wrong claim loses a copy the program
 * needs, so the claim is made only when it is proved, and when the proof fails nothing is said.
 * The proof, for a copy `c` of an original `o`:
 *
 * - The copy is one whose result is the original's content (see `copy-source.ts`): `{ ...o }`,
 *   `[...o]`, `o.slice()`, `Array.from(o)`, `structuredClone(o)`, `new Map(o)`… Never an eager
 *   copy, a JSON round trip, an object rest or a `postMessage`.
 * - `o` is a name that resolves, by scope, to a `const` (or a `let` nothing assigns again) of this
 *   file whose initializer makes fresh plain data of the shape the copy needs (see
 *   `plain-source.ts`): an object or array literal, `JSON.parse(…)`, `new Map`/`new Set`, or an
 *   array a built-in makes, with the type checker proving primitives where syntax cannot. No
 *   other name can reach that value, and no code of its own runs when it is read.
 * - Every use of `o` in its whole scope, nested functions included, only reads it (see
 *   `read-only-use.ts`; deeply, when the copy is deep): it is never written, never handed to code
 *   that could write it or keep it, never exported. So nothing writes it, ever, while the copy lives.
 * - The copy is bound to a `const` whose every use in its scope only reads it in a way that
 *   cannot tell it from the original, or is used where it is made in such a way.
 * - Neither scope holds a direct `eval` (`eval(…)`, `(eval)(…)`), and neither binding is exported
 *   or at the top level of a classic script, where other scripts share it.
 * - The file changes no built-in the proof relies on (`builtin-patches.ts`).
 *
 * Uses of a shadowing binding with the same name are judged too, which can only make the rule
 * stricter. Needs parent pointers on the whole file.
 */
import { ts } from 'ts-morph';
import { findReferences, type ScopeReferences } from './binding-references.js';
import { patchesBuiltins } from './builtin-patches.js';
import { droppableSource } from './copy-source.js';
import type { CopyMatch } from './match-result.js';
import { GLOBAL, UNKNOWN } from './name-resolution.js';
import { freshPlainShape, type PlainQuestions, type PlainShape } from './plain-source.js';
import { isReadOnlyUse } from './read-only-use.js';
import { hasModifier, outermostWrapper, unwrap } from './syntax.js';
import type { CopyKind } from '../runtime/copy-kinds.js';

const SK = ts.SyntaxKind;

interface ConstBinding {
  readonly name: string;
  readonly list: ts.VariableDeclarationList;
}

function isConstList(list: ts.Node): list is ts.VariableDeclarationList {
  // `await using` sets the Const bit too (AwaitUsing = Const | Using), and disposing calls a method of the value.
  return list.kind === SK.VariableDeclarationList && (list.flags & ts.NodeFlags.Const) !== 0 && (list.flags & ts.NodeFlags.Using) === 0;
}

/** The shapes of original each copy kind keeps as it is: an array spread into an object is no longer an array. */
const ACCEPTED_SHAPES: Partial<Record<CopyKind, readonly PlainShape[]>> = {
  'object-spread': ['object'],
  'object-assign': ['object'],
  'array-spread': ['array'],
  'array-slice': ['array'],
  'array-concat': ['array'],
  'array-from': ['array'],
  'structured-clone': ['object', 'array', 'json'],
  'lodash-clone-deep': ['object', 'array', 'json'],
  'lodash-clone': ['object', 'array'],
  'map-copy': ['map'],
  'set-copy': ['set'],
};

function constBinding(declaration: ts.Node, name: ts.Node): ConstBinding | undefined {
  if (declaration.kind !== SK.VariableDeclaration || name.kind !== SK.Identifier || !isConstList(declaration.parent)) return undefined;
  return { name: (name as ts.Identifier).text, list: declaration.parent };
}

/** The const a copy is bound to; `'unbound'` when its value goes straight into an expression. */
function bindingOf(match: CopyMatch): ConstBinding | 'unbound' | undefined {
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

/** The references of each scope a file's decisions look into, found with one walk a scope. */
type ReferencesOf = (scope: ts.Node) => ScopeReferences;

/** Whether every reference to `name` in `scope` only reads it; false with a direct eval in the scope. */
function onlyRead(scope: ts.Node, name: string, deep: boolean, q: Questions, except?: ts.Node): boolean {
  const references = q.referencesOf(scope);
  if (references.callsEval) return false;
  return (references.byName.get(name) ?? []).every((reference) => reference === except || isReadOnlyUse(reference, deep, q.names));
}

/** Whether nothing can write the copy's original while the copy lives, and it is plain data of a shape the copy keeps. */
function isPinnedPlainOriginal(match: CopyMatch, isModule: boolean, q: Questions): boolean {
  const source = droppableSource(match);
  const accepted = ACCEPTED_SHAPES[match.kind];
  if (source === undefined || accepted === undefined) return false;
  const original = unwrap(source);
  if (original.kind !== SK.Identifier) return false;
  const resolution = q.names.resolve(original as ts.Identifier);
  if (resolution === GLOBAL || resolution === UNKNOWN || !q.names.isConstant(original as ts.Identifier)) return false;
  const declaration = resolution.name.parent;
  if (declaration.kind !== SK.VariableDeclaration) return false;
  const { name, initializer, parent: list } = declaration as ts.VariableDeclaration;
  if (name !== resolution.name || initializer === undefined || (list.flags & ts.NodeFlags.BlockScoped) === 0 || (list.flags & ts.NodeFlags.Using) !== 0) return false;
  const scope = scopeOf(list as ts.VariableDeclarationList, isModule);
  if (scope === undefined || !onlyRead(scope, resolution.name.text, match.deep, q, original)) return false;
  const shape = freshPlainShape(initializer, match.deep, q);
  return shape !== undefined && accepted.includes(shape);
}

/** Whether the copy is only read, where it is made or through the const it is bound to. */
function isCopyOnlyRead(match: CopyMatch, isModule: boolean, q: Questions): boolean {
  const binding = bindingOf(match);
  if (binding === 'unbound') return isReadOnlyUse(match.node, match.deep, q.names);
  const scope = binding === undefined ? undefined : scopeOf(binding.list, isModule);
  return binding !== undefined && scope !== undefined && onlyRead(scope, binding.name, match.deep, q);
}

interface Questions extends PlainQuestions {
  readonly referencesOf: ReferencesOf;
}

/** One hint per match, in order. */
export function decideCouldShare(sourceFile: ts.SourceFile, matches: readonly CopyMatch[], isModule: boolean, plain: PlainQuestions): boolean[] {
  let patched: boolean | undefined;
  // Many copies of a file read the same names in the same scopes: one walk a scope serves them all.
  const found = new Map<ts.Node, ScopeReferences>();
  const referencesOf: ReferencesOf = (scope) => {
    let references = found.get(scope);
    if (references === undefined) found.set(scope, (references = findReferences(scope)));
    return references;
  };
  const q: Questions = { ...plain, referencesOf };
  const decide = (match: CopyMatch): boolean => {
    if (!isPinnedPlainOriginal(match, isModule, q) || !isCopyOnlyRead(match, isModule, q)) return false;
    patched ??= patchesBuiltins(sourceFile, q.names);
    return !patched;
  };
  return matches.map(decide);
}
