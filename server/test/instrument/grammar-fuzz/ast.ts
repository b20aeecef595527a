/**
 * The syntax the grammar builds programs from: enough of JavaScript and TypeScript to write every
 * form of copy and write the instrumenter rewrites, in every position it can appear. The printer
 * (print.ts) turns it into text, adding the parentheses precedence needs, and is where
 * semicolons, their absence and ASI hazards are decided.
 */

export type Expr =
  | { readonly t: 'id'; readonly name: string }
  /** A literal or any other leaf, printed as is (numbers, strings, `null`, regular expressions, `this`, fixed fakes). */
  | { readonly t: 'raw'; readonly text: string }
  | { readonly t: 'array'; readonly items: readonly (Expr | Spread | null)[] }
  | { readonly t: 'object'; readonly props: readonly Prop[] }
  | { readonly t: 'member'; readonly obj: Expr; readonly name: string; readonly optional?: boolean }
  | { readonly t: 'index'; readonly obj: Expr; readonly key: Expr; readonly optional?: boolean }
  | { readonly t: 'call'; readonly callee: Expr; readonly args: readonly (Expr | Spread)[]; readonly optional?: boolean; readonly typeArgs?: readonly string[] }
  | { readonly t: 'new'; readonly callee: Expr; readonly args: readonly (Expr | Spread)[]; readonly typeArgs?: readonly string[] }
  | { readonly t: 'assign'; readonly op: string; readonly target: Expr; readonly value: Expr }
  | { readonly t: 'update'; readonly op: '++' | '--'; readonly prefix: boolean; readonly target: Expr }
  | { readonly t: 'unary'; readonly op: string; readonly arg: Expr }
  | { readonly t: 'binary'; readonly op: string; readonly left: Expr; readonly right: Expr }
  | { readonly t: 'cond'; readonly test: Expr; readonly then: Expr; readonly else: Expr }
  | { readonly t: 'arrow'; readonly params: readonly Param[]; readonly body: Expr | readonly Stmt[]; readonly async?: boolean; readonly returnType?: string }
  | { readonly t: 'function'; readonly name?: string; readonly params: readonly Param[]; readonly body: readonly Stmt[]; readonly async?: boolean; readonly generator?: boolean }
  | { readonly t: 'class'; readonly name?: string; readonly extends?: Expr; readonly members: readonly ClassMember[] }
  | { readonly t: 'template'; readonly quasis: readonly string[]; readonly exprs: readonly Expr[]; readonly tag?: Expr }
  | { readonly t: 'seq'; readonly items: readonly Expr[] }
  | { readonly t: 'paren'; readonly e: Expr }
  | { readonly t: 'await'; readonly e: Expr }
  | { readonly t: 'yield'; readonly e?: Expr }
  /** TypeScript: `e as T`, `e satisfies T`, `<T>e`. */
  | { readonly t: 'assert'; readonly e: Expr; readonly type: string; readonly form: 'as' | 'satisfies' | 'angle' }
  /** TypeScript: `e!`. */
  | { readonly t: 'nonNull'; readonly e: Expr };

export interface Spread {
  readonly t: 'spread';
  readonly e: Expr;
}

export type Prop =
  | { readonly t: 'kv'; readonly key: Key; readonly value: Expr }
  | { readonly t: 'short'; readonly name: string }
  | { readonly t: 'spread'; readonly e: Expr }
  | { readonly t: 'method'; readonly key: Key; readonly params: readonly Param[]; readonly body: readonly Stmt[]; readonly kind?: 'get' | 'set' }
  /** Only in patterns: `{ k = 1 }`. */
  | { readonly t: 'shortDefault'; readonly name: string; readonly value: Expr };

/** A property name: plain (`a`, `'x y'`, `0`) or computed (`[e]`). */
export type Key = { readonly t: 'name'; readonly text: string } | { readonly t: 'computed'; readonly e: Expr };

/** A binding: a name or a destructuring pattern (patterns reuse the literal forms). */
export type Binding = { readonly t: 'id'; readonly name: string } | { readonly t: 'array'; readonly items: readonly (Expr | Spread | null)[] } | { readonly t: 'object'; readonly props: readonly Prop[] };

export interface Param {
  readonly binding: Binding;
  readonly type?: string;
  readonly init?: Expr;
  readonly rest?: boolean;
  readonly optional?: boolean;
  /** TypeScript: a parameter property's `public`, `private`, `readonly`… */
  readonly modifier?: string;
}

export type ClassMember =
  | { readonly t: 'field'; readonly key: Key | { readonly t: 'private'; readonly name: string }; readonly value?: Expr; readonly static?: boolean; readonly type?: string; readonly modifiers?: string }
  | { readonly t: 'method'; readonly key: Key | { readonly t: 'private'; readonly name: string }; readonly params: readonly Param[]; readonly body: readonly Stmt[]; readonly static?: boolean; readonly kind?: 'get' | 'set' | 'constructor'; readonly generator?: boolean }
  | { readonly t: 'staticBlock'; readonly body: readonly Stmt[] };

export interface Declarator {
  readonly binding: Binding;
  readonly type?: string;
  /** `let x!: T` in TypeScript. */
  readonly definite?: boolean;
  readonly init?: Expr;
}

export type ForHead = { readonly t: 'decl'; readonly kind: 'const' | 'let' | 'var'; readonly binding: Binding } | { readonly t: 'target'; readonly target: Expr };

export type Stmt =
  | { readonly t: 'expr'; readonly e: Expr }
  | { readonly t: 'decl'; readonly kind: 'const' | 'let' | 'var'; readonly decls: readonly Declarator[] }
  | { readonly t: 'if'; readonly test: Expr; readonly then: readonly Stmt[]; readonly else?: readonly Stmt[] }
  | { readonly t: 'for'; readonly init?: Stmt | Expr; readonly test?: Expr; readonly update?: Expr; readonly body: readonly Stmt[] }
  | { readonly t: 'forOf' | 'forIn'; readonly head: ForHead; readonly iter: Expr; readonly body: readonly Stmt[]; readonly await?: boolean }
  | { readonly t: 'while'; readonly test: Expr; readonly body: readonly Stmt[] }
  | { readonly t: 'block'; readonly body: readonly Stmt[] }
  | { readonly t: 'function'; readonly name: string; readonly params: readonly Param[]; readonly body: readonly Stmt[]; readonly async?: boolean; readonly generator?: boolean; readonly typeParams?: string; readonly returnType?: string }
  | { readonly t: 'class'; readonly name: string; readonly extends?: Expr; readonly members: readonly ClassMember[] }
  | { readonly t: 'try'; readonly body: readonly Stmt[]; readonly param?: Binding; readonly handler?: readonly Stmt[]; readonly finally?: readonly Stmt[] }
  | { readonly t: 'return'; readonly e?: Expr }
  | { readonly t: 'throw'; readonly e: Expr }
  | { readonly t: 'break' }
  /** A directive (`'use strict'`): `semi` overrides the style, for a directive written either way in any file. */
  | { readonly t: 'directive'; readonly text: string; readonly semi: boolean }
  /** `import … from 'm'` (TypeScript and module flavoured JavaScript), printed as written. */
  | { readonly t: 'import'; readonly clause: string; readonly from: string }
  /** A statement written out whole, ending in `}` or needing no semicolon: type declarations, namespaces, enums, fake classes, `with`. */
  | { readonly t: 'verbatim'; readonly text: string }
  | { readonly t: 'comment'; readonly text: string };

export const id = (name: string): Expr => ({ t: 'id', name });
export const raw = (text: string): Expr => ({ t: 'raw', text });
export const num = (n: number): Expr => (n < 0 ? { t: 'unary', op: '-', arg: raw(String(-n)) } : raw(String(n)));
export const str = (s: string): Expr => raw(`'${s}'`);
export const member = (obj: Expr, name: string, optional = false): Expr => (optional ? { t: 'member', obj, name, optional } : { t: 'member', obj, name });
export const index = (obj: Expr, key: Expr): Expr => ({ t: 'index', obj, key });
export const call = (callee: Expr, args: readonly (Expr | Spread)[] = [], optional = false): Expr => (optional ? { t: 'call', callee, args, optional } : { t: 'call', callee, args });
export const method = (obj: Expr, name: string, args: readonly (Expr | Spread)[] = []): Expr => call(member(obj, name), args);
export const spread = (e: Expr): Spread => ({ t: 'spread', e });
export const exprStmt = (e: Expr): Stmt => ({ t: 'expr', e });
export const arrow = (params: readonly string[], body: Expr | readonly Stmt[]): Expr => ({ t: 'arrow', params: params.map((name) => ({ binding: { t: 'id', name } })), body });
export const binary = (op: string, left: Expr, right: Expr): Expr => ({ t: 'binary', op, left, right });
export const assign = (target: Expr, value: Expr, op = '='): Expr => ({ t: 'assign', op, target, value });
export const log = (...args: Expr[]): Stmt => exprStmt(call(id('log'), args));
export const decl = (kind: 'const' | 'let' | 'var', name: string, init: Expr, type?: string): Stmt => ({
  t: 'decl',
  kind,
  decls: [{ binding: { t: 'id', name }, init, ...(type === undefined ? {} : { type }) }],
});
