/**
 * Which binding a name refers to, by the scope rules of JavaScript: a site is `structuredClone`,
 * `new Map`, `JSON.parse` or lodash's `_` only when the name resolves to that global or to that
 * import, never because it is spelt the same. One walk over the file, made on the first question,
 * records each scope's declarations; a question then climbs from the name to the scope that binds it.
 *
 * Where the binding cannot be known from the file (inside `with`, or in a function whose sloppy
 * direct `eval` may declare anything), a name resolves to UNKNOWN: it is neither the global nor
 * any import, so nothing is claimed of it.
 */
import { ts } from 'ts-morph';
import { unwrap } from './syntax.js';
import { isNonValueSyntax } from './value-position.js';

const SK = ts.SyntaxKind;

/** What a name may resolve to that no declaration of the file stands for. */
export const GLOBAL: unique symbol = Symbol('global');
export const UNKNOWN: unique symbol = Symbol('unknown');

/** Where a name is declared: the scope that binds it (the source file at the top level) and the declaring name. */
export interface Binding {
  readonly scope: ts.Node;
  /** The identifier in the declaration: its parent is the declaration (a variable, a binding element, a parameter…). */
  readonly name: ts.Identifier;
}

export type Resolution = Binding | typeof GLOBAL | typeof UNKNOWN;

export interface NameResolver {
  resolve(id: ts.Identifier): Resolution;
  /** Whether `id` reads the global of its name: no binding of the file is in scope. */
  isGlobal(id: ts.Identifier): boolean;
  /** Whether `id` reads a binding declared at the top level of the file. */
  isTopLevel(id: ts.Identifier): boolean;
  /**
   * Whether `id` reads a binding of the file that nothing but its declaration assigns: reading it
   * twice in a row gives the same value, whatever code runs in between.
   */
  isConstant(id: ts.Identifier): boolean;
  /** Whether the file declares `name` at its top level. */
  declaresAtTopLevel(name: string): boolean;
}

interface Scopes {
  readonly declared: Map<ts.Node, Map<string, ts.Identifier>>;
  /** Scopes where any name may be bound by code the file does not show. */
  readonly opaque: Set<ts.Node>;
  /** Names assigned after their declaration, each where it is assigned, and functions whose `arguments` may assign their parameters. */
  readonly assigned: readonly ts.Identifier[];
  readonly aliasedParameters: ReadonlySet<ts.Node>;
}

function isFunctionScope(node: ts.Node): boolean {
  switch (node.kind) {
    case SK.FunctionDeclaration:
    case SK.FunctionExpression:
    case SK.ArrowFunction:
    case SK.MethodDeclaration:
    case SK.Constructor:
    case SK.GetAccessor:
    case SK.SetAccessor:
    case SK.ClassStaticBlockDeclaration:
    case SK.ModuleBlock:
    case SK.SourceFile:
      return true;
    default:
      return false;
  }
}

/** A node that opens a scope for `let`, `const`, `class` and function declarations in it. */
function isBlockScope(node: ts.Node): boolean {
  switch (node.kind) {
    case SK.Block:
      // A function's body shares its scope with the parameters; a block in a file or a namespace has its own.
      return !isFunctionScope(node.parent) || ts.isSourceFile(node.parent) || ts.isModuleBlock(node.parent);
    case SK.ForStatement:
    case SK.ForInStatement:
    case SK.ForOfStatement:
    case SK.CaseBlock:
    case SK.CatchClause:
    case SK.ClassDeclaration:
    case SK.ClassExpression:
      return true;
    default:
      return isFunctionScope(node);
  }
}

function isStrictFile(sf: ts.SourceFile): boolean {
  if (ts.isExternalModule(sf)) return true;
  for (const statement of sf.statements) {
    if (!ts.isExpressionStatement(statement) || !ts.isStringLiteral(statement.expression)) return false;
    if (statement.expression.text === 'use strict') return true;
  }
  return false;
}

class ScopeCollector implements Scopes {
  readonly declared = new Map<ts.Node, Map<string, ts.Identifier>>();
  readonly opaque = new Set<ts.Node>();
  readonly assigned: ts.Identifier[] = [];
  readonly aliasedParameters = new Set<ts.Node>();

  constructor(private readonly strict: boolean) {}

  /** The names an assignment's left side writes: `x`, `[x, y]`, `{ k: x, ...z }`, `[x = 1]`. */
  private assignTargets(target: ts.Expression): void {
    const e = unwrap(target);
    if (ts.isIdentifier(e)) this.assigned.push(e);
    else if (ts.isArrayLiteralExpression(e)) for (const element of e.elements) this.assignTargets(element);
    else if (ts.isObjectLiteralExpression(e)) {
      for (const p of e.properties) {
        if (ts.isPropertyAssignment(p)) this.assignTargets(p.initializer);
        else if (ts.isShorthandPropertyAssignment(p)) this.assigned.push(p.name);
        else if (ts.isSpreadAssignment(p)) this.assignTargets(p.expression);
      }
    } else if (ts.isSpreadElement(e)) this.assignTargets(e.expression);
    else if (ts.isBinaryExpression(e) && e.operatorToken.kind === SK.EqualsToken) this.assignTargets(e.left);
  }

  declare(scope: ts.Node, name: ts.Node | undefined): void {
    for (const id of boundNames(name)) {
      let names = this.declared.get(scope);
      if (names === undefined) this.declared.set(scope, (names = new Map<string, ts.Identifier>()));
      if (!names.has(id.text)) names.set(id.text, id);
    }
  }

  visit(node: ts.Node, functionScope: ts.Node, blockScope: ts.Node): void {
    if (isNonValueSyntax(node)) return;
    this.record(node, functionScope, blockScope);
    const innerFunction = isFunctionScope(node) ? node : functionScope;
    const innerBlock = isBlockScope(node) ? node : blockScope;
    ts.forEachChild(node, (child) => {
      (child as { parent: ts.Node }).parent = node;
      this.visit(child, innerFunction, innerBlock);
    });
  }

  private record(node: ts.Node, functionScope: ts.Node, blockScope: ts.Node): void {
    switch (node.kind) {
      case SK.VariableDeclarationList: {
        const list = node as ts.VariableDeclarationList;
        const blockScoped = (list.flags & ts.NodeFlags.BlockScoped) !== 0;
        for (const d of list.declarations) {
          this.declare(blockScoped ? blockScope : functionScope, d.name);
          // A `var` is one binding for the whole function, which a loop, another declaration of
          // it or a closure running later can each give a new value: never constant.
          if (!blockScoped) this.assigned.push(...boundNames(d.name));
        }
        return;
      }
      case SK.Parameter:
        this.declare(functionScope, (node as ts.ParameterDeclaration).name);
        return;
      case SK.FunctionDeclaration:
        // Block-scoped in strict code; sloppy code also hoists it to the function (Annex B).
        this.declare(blockScope, (node as ts.FunctionDeclaration).name);
        this.declare(functionScope, (node as ts.FunctionDeclaration).name);
        return;
      case SK.FunctionExpression:
        this.declare(node, (node as ts.FunctionExpression).name);
        return;
      case SK.ClassDeclaration:
        this.declare(blockScope, (node as ts.ClassDeclaration).name);
        this.declare(node, (node as ts.ClassDeclaration).name);
        return;
      case SK.ClassExpression:
        this.declare(node, (node as ts.ClassExpression).name);
        return;
      case SK.EnumDeclaration:
      case SK.ImportEqualsDeclaration:
        this.declare(blockScope, (node as ts.EnumDeclaration | ts.ImportEqualsDeclaration).name);
        return;
      case SK.ModuleDeclaration: {
        const name = (node as ts.ModuleDeclaration).name;
        if (ts.isIdentifier(name)) this.declare(blockScope, name);
        return;
      }
      case SK.ImportClause: {
        const clause = node as ts.ImportClause;
        if (clause.phaseModifier === SK.TypeKeyword) return;
        this.declare(functionScope, clause.name);
        const named = clause.namedBindings;
        if (named !== undefined && ts.isNamespaceImport(named)) this.declare(functionScope, named.name);
        else if (named !== undefined) for (const e of named.elements) if (!e.isTypeOnly) this.declare(functionScope, e.name);
        return;
      }
      case SK.CatchClause:
        this.declare(node, (node as ts.CatchClause).variableDeclaration?.name);
        return;
      case SK.BinaryExpression: {
        const b = node as ts.BinaryExpression;
        if (b.operatorToken.kind >= SK.FirstAssignment && b.operatorToken.kind <= SK.LastAssignment) this.assignTargets(b.left);
        return;
      }
      case SK.PrefixUnaryExpression:
      case SK.PostfixUnaryExpression: {
        const u = node as ts.PrefixUnaryExpression | ts.PostfixUnaryExpression;
        if (u.operator === SK.PlusPlusToken || u.operator === SK.MinusMinusToken) this.assignTargets(u.operand);
        return;
      }
      case SK.ForInStatement:
      case SK.ForOfStatement: {
        const initializer = (node as ts.ForInOrOfStatement).initializer;
        if (!ts.isVariableDeclarationList(initializer)) this.assignTargets(initializer);
        return;
      }
      case SK.Identifier:
        // In sloppy code, `arguments[0] = v` assigns the first parameter.
        if ((node as ts.Identifier).text === 'arguments' && !this.strict) this.aliasedParameters.add(functionScope);
        return;
      case SK.WithStatement:
        this.opaque.add((node as ts.WithStatement).statement);
        return;
      case SK.CallExpression: {
        // `(eval)(code)` is a direct eval as well: parentheses keep the reference.
        const callee = unwrap((node as ts.CallExpression).expression);
        if (!this.strict && ts.isIdentifier(callee) && callee.text === 'eval') this.opaque.add(functionScope);
        return;
      }
      default:
        return;
    }
  }
}

/** The names a declaration's name binds: itself, or every name of a destructuring pattern. */
function boundNames(name: ts.Node | undefined): ts.Identifier[] {
  if (name === undefined) return [];
  if (ts.isIdentifier(name)) return [name];
  if (!ts.isObjectBindingPattern(name) && !ts.isArrayBindingPattern(name)) return [];
  return (name.elements as readonly ts.ArrayBindingElement[]).flatMap((element) => (ts.isBindingElement(element) ? boundNames(element.name) : []));
}

export function createNameResolver(sf: ts.SourceFile): NameResolver {
  let scopes: Scopes | undefined;
  let reassigned: Set<ts.Identifier> | undefined;
  const collect = (): Scopes => {
    const collector = new ScopeCollector(isStrictFile(sf));
    collector.visit(sf, sf, sf);
    return collector;
  };
  const isReassigned = (binding: Binding): boolean => {
    if (reassigned === undefined) {
      reassigned = new Set();
      for (const id of scopes!.assigned) {
        const r = resolve(id);
        if (r !== GLOBAL && r !== UNKNOWN) reassigned.add(r.name);
      }
    }
    if (reassigned.has(binding.name)) return true;
    return ts.isParameter(binding.name.parent) && scopes!.aliasedParameters.has(binding.scope);
  };
  const resolve = (id: ts.Identifier): Resolution => {
    scopes ??= collect();
    const name = id.text;
    for (let n = id.parent as ts.Node | undefined; n !== undefined; n = n.parent as ts.Node | undefined) {
      const declared = scopes.declared.get(n)?.get(name);
      if (declared !== undefined) return { scope: n, name: declared };
      if (scopes.opaque.has(n)) return UNKNOWN;
    }
    return GLOBAL;
  };
  return {
    resolve,
    isGlobal: (id) => resolve(id) === GLOBAL,
    isTopLevel: (id) => {
      const r = resolve(id);
      return r !== GLOBAL && r !== UNKNOWN && r.scope === sf;
    },
    declaresAtTopLevel: (name) => {
      scopes ??= collect();
      return scopes.declared.get(sf)?.has(name) === true;
    },
    isConstant: (id) => {
      const r = resolve(id);
      return r !== GLOBAL && r !== UNKNOWN && !isReassigned(r);
    },
  };
}
