/**
 * The names through which one file reaches lodash's `clone` and `cloneDeep`: imports and
 * `require`s at the top level of the file. Only top-level statements are read, which keeps this a
 * look at a few statements instead of a walk. A name counts only where it resolves to that
 * top-level binding; `_` and `lodash` with no binding in the file are taken as lodash, the way a
 * page that loads it with a script tag uses it.
 */
import { ts } from 'ts-morph';
import { GLOBAL, type NameResolver } from './name-resolution.js';
import { requiredModule, unwrap } from './syntax.js';

const SK = ts.SyntaxKind;

export type LodashKind = 'lodash-clone' | 'lodash-clone-deep';

export interface LodashBindings {
  /** Names bound to the whole library: `_` in `_.cloneDeep(x)`. */
  readonly namespaces: ReadonlySet<string>;
  /** Names bound to one of the two functions: `cloneDeep` in `cloneDeep(x)`. */
  readonly functions: ReadonlyMap<string, LodashKind>;
}

const WHOLE_LIBRARY = new Set(['lodash', 'lodash-es']);

const ONE_FUNCTION: ReadonlyMap<string, LodashKind> = new Map([
  ['lodash/clone', 'lodash-clone'],
  ['lodash/clone.js', 'lodash-clone'],
  ['lodash-es/clone', 'lodash-clone'],
  ['lodash-es/clone.js', 'lodash-clone'],
  ['lodash.clone', 'lodash-clone'],
  ['lodash/cloneDeep', 'lodash-clone-deep'],
  ['lodash/cloneDeep.js', 'lodash-clone-deep'],
  ['lodash-es/cloneDeep', 'lodash-clone-deep'],
  ['lodash-es/cloneDeep.js', 'lodash-clone-deep'],
  ['lodash.clonedeep', 'lodash-clone-deep'],
]);

const MEMBER_KIND: ReadonlyMap<string, LodashKind> = new Map([
  ['clone', 'lodash-clone'],
  ['cloneDeep', 'lodash-clone-deep'],
]);

/** The lodash kind of `member` read from the module `specifier`: what `import { member } from specifier` binds. */
function memberKind(specifier: string, member: string): LodashKind | 'namespace' | undefined {
  if (WHOLE_LIBRARY.has(specifier)) return member === 'default' ? 'namespace' : MEMBER_KIND.get(member);
  return member === 'default' ? ONE_FUNCTION.get(specifier) : undefined;
}

/** What the module `specifier` itself is, as bound by a default import or a plain `require`. */
function moduleKind(specifier: string): LodashKind | 'namespace' | undefined {
  return WHOLE_LIBRARY.has(specifier) ? 'namespace' : ONE_FUNCTION.get(specifier);
}

/** The names a script-tag lodash binds globally. */
const GLOBAL_NAMESPACES = new Set(['_', 'lodash']);

class BindingCollector {
  readonly namespaces = new Set<string>();
  readonly functions = new Map<string, LodashKind>();

  bind(name: ts.Node | undefined, kind: LodashKind | 'namespace' | undefined): void {
    if (name?.kind !== SK.Identifier || kind === undefined) return;
    const text = (name as ts.Identifier).text;
    if (kind === 'namespace') this.namespaces.add(text);
    else this.functions.set(text, kind);
  }

  fromImport(declaration: ts.ImportDeclaration): void {
    const clause = declaration.importClause;
    if (clause === undefined || clause.phaseModifier === SK.TypeKeyword || declaration.moduleSpecifier.kind !== SK.StringLiteral) return;
    const specifier = (declaration.moduleSpecifier as ts.StringLiteral).text;
    this.bind(clause.name, moduleKind(specifier));
    const named = clause.namedBindings;
    if (named?.kind === SK.NamespaceImport) this.bind(named.name, moduleKind(specifier));
    if (named?.kind !== SK.NamedImports) return;
    for (const element of named.elements) {
      if (!element.isTypeOnly) this.bind(element.name, memberKind(specifier, (element.propertyName ?? element.name).text));
    }
  }

  fromImportEquals(declaration: ts.ImportEqualsDeclaration): void {
    const reference = declaration.moduleReference;
    if (declaration.isTypeOnly || reference.kind !== SK.ExternalModuleReference) return;
    const specifier = reference.expression;
    if (specifier.kind === SK.StringLiteral) this.bind(declaration.name, moduleKind((specifier as ts.StringLiteral).text));
  }

  fromVariable(declaration: ts.VariableDeclaration): void {
    const initializer = declaration.initializer;
    if (initializer === undefined) return;
    const required = requiredModule(initializer);
    if (required !== undefined) {
      this.fromRequire(declaration.name, required);
      return;
    }
    const member = unwrap(initializer);
    if (member.kind !== SK.PropertyAccessExpression) return;
    const { expression, name } = member as ts.PropertyAccessExpression;
    const owner = requiredModule(expression);
    if (owner !== undefined) this.bind(declaration.name, memberKind(owner, name.text));
  }

  private fromRequire(name: ts.BindingName, specifier: string): void {
    if (name.kind !== SK.ObjectBindingPattern) {
      this.bind(name, moduleKind(specifier));
      return;
    }
    for (const element of name.elements) {
      const key = element.propertyName ?? element.name;
      if (key.kind === SK.Identifier && element.dotDotDotToken === undefined) this.bind(element.name, memberKind(specifier, key.text));
    }
  }
}

export function collectLodashBindings(sourceFile: ts.SourceFile): LodashBindings {
  const collector = new BindingCollector();
  for (const statement of sourceFile.statements) {
    if (statement.kind === SK.ImportDeclaration) collector.fromImport(statement as ts.ImportDeclaration);
    else if (statement.kind === SK.ImportEqualsDeclaration) collector.fromImportEquals(statement as ts.ImportEqualsDeclaration);
    else if (statement.kind === SK.VariableStatement) {
      for (const declaration of (statement as ts.VariableStatement).declarationList.declarations) collector.fromVariable(declaration);
    }
  }
  return collector;
}

/**
 * Whether `id` is the lodash namespace here: bound to it at the top level and never assigned
 * again, or `_` with no binding at all.
 */
function isNamespace(id: ts.Identifier, bindings: LodashBindings, names: NameResolver): boolean {
  if (bindings.namespaces.has(id.text) && names.isTopLevel(id) && names.isConstant(id)) return true;
  return GLOBAL_NAMESPACES.has(id.text) && names.resolve(id) === GLOBAL;
}

/** The lodash copy a callee makes: `cloneDeep`, `_.clone`, `require('lodash').cloneDeep`; undefined for any other callee. */
export function lodashCallKind(callee: ts.Expression, bindings: LodashBindings, names: NameResolver): LodashKind | undefined {
  if (callee.kind === SK.Identifier) {
    const kind = bindings.functions.get((callee as ts.Identifier).text);
    return kind !== undefined && names.isTopLevel(callee as ts.Identifier) && names.isConstant(callee as ts.Identifier) ? kind : undefined;
  }
  if (callee.kind !== SK.PropertyAccessExpression) return undefined;
  const { expression, name } = callee as ts.PropertyAccessExpression;
  const kind = MEMBER_KIND.get(name.text);
  if (kind === undefined) return undefined;
  const receiver = unwrap(expression);
  if (receiver.kind === SK.Identifier) return isNamespace(receiver as ts.Identifier, bindings, names) ? kind : undefined;
  const required = requiredModule(receiver);
  return required !== undefined && WHOLE_LIBRARY.has(required) ? kind : undefined;
}
