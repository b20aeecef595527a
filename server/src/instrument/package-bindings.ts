import { builtinModules } from 'node:module';
import { ts } from 'ts-morph';
import type { NameResolver } from '../analysis/name-resolution.js';
import { requiredModule } from '../analysis/syntax.js';

const SK = ts.SyntaxKind;

const BUILTINS = new Set(builtinModules);

/**
 * Whether `specifier` names a package: code that is not instrumented by default, so whatever it
 * does to the values it is given, cowlens does not see. Node's own modules are left out: they do
 * not write into the objects they are handed.
 */
function isPackage(specifier: string): boolean {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('node:') || specifier.startsWith('#') || /^[a-zA-Z]:/.test(specifier)) return false;
  return !BUILTINS.has(specifier.split('/')[0]!);
}

export interface PackageBindings {
  /** The names bound at the top level to what packages export. */
  readonly bindings: ReadonlySet<string>;
  readonly names: NameResolver;
}

/**
 * The names a module binds at its top level to what packages export: `sortBy` in
 * `import { sortBy } from 'lib'`, `lib` in `import * as lib from 'lib'` or `const lib = require('lib')`.
 * A call through one of them, where the name resolves to that binding, hands its arguments to
 * uninstrumented code.
 */
export function collectPackageBindings(sourceFile: ts.SourceFile, resolver: NameResolver): PackageBindings {
  const names = new Set<string>();
  const bind = (name: ts.Node | undefined): void => {
    if (name?.kind === SK.Identifier) names.add((name as ts.Identifier).text);
    else if (name?.kind === SK.ObjectBindingPattern) for (const element of (name as ts.ObjectBindingPattern).elements) bind(element.name);
  };
  for (const statement of sourceFile.statements) {
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      if (!clause || clause.phaseModifier === SK.TypeKeyword || !ts.isStringLiteral(statement.moduleSpecifier) || !isPackage(statement.moduleSpecifier.text)) continue;
      bind(clause.name);
      const named = clause.namedBindings;
      if (named && ts.isNamespaceImport(named)) bind(named.name);
      else if (named) for (const element of named.elements) if (!element.isTypeOnly) bind(element.name);
    } else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        const specifier = declaration.initializer ? requiredModule(declaration.initializer) : undefined;
        if (specifier !== undefined && isPackage(specifier)) bind(declaration.name);
      }
    }
  }
  return { bindings: names, names: resolver };
}

/**
 * The arguments a call hands to a package: `f(a, b)` and `ns.f(a)` / `ns.x.f(a)` through a package
 * binding; undefined when the call is not into a package (an empty list: a package call that
 * hands over nothing, which may still write what the package kept).
 */
export function argumentsLentToPackages(call: ts.CallExpression, packages: PackageBindings): readonly ts.Expression[] | undefined {
  let root: ts.Expression = call.expression;
  while (ts.isPropertyAccessExpression(root) || ts.isParenthesizedExpression(root)) root = root.expression;
  if (!ts.isIdentifier(root) || !packages.bindings.has(root.text) || !packages.names.isTopLevel(root)) return undefined;
  return call.arguments.filter((arg) => !ts.isSpreadElement(arg) && !isLiteral(arg));
}

/** A value made right there: nothing shares it yet, so lending it would protect nothing. */
function isLiteral(e: ts.Expression): boolean {
  return (
    ts.isStringLiteralLike(e) ||
    ts.isNumericLiteral(e) ||
    e.kind === SK.TrueKeyword ||
    e.kind === SK.FalseKeyword ||
    e.kind === SK.NullKeyword ||
    ts.isArrowFunction(e) ||
    ts.isFunctionExpression(e) ||
    ts.isObjectLiteralExpression(e) ||
    ts.isArrayLiteralExpression(e)
  );
}
