/**
 * What the grammar knows while it builds a program: the choices, the options, and the scopes with
 * the names each binds and what those names hold. Programs are kept mostly well typed by building
 * each expression for a type (an array of numbers, an object of the fixed shape, a Map…), so that
 * most statements run instead of failing on the first wrong guess; a few ill-typed uses are made
 * on purpose (misuse), for the errors.
 */
import type { Expr } from './ast.js';
import type { Draw } from './draw.js';
import type { SemicolonStyle } from './print.js';

/**
 * `arr`: numbers; `objs`: objects `{ n }`; `obj`: the record `{ a: number, b: number[], c: { a, b } }`;
 * `map`: Map of string keys to numbers; `set`: Set of numbers.
 */
export type Ty = 'arr' | 'objs' | 'obj' | 'map' | 'set' | 'num' | 'str' | 'bool';

export const DATA_TYPES: readonly Ty[] = ['arr', 'obj', 'objs', 'map', 'set'];

/** The built-in names a program may bind itself, each in turn at every scope level. */
export const BUILTINS = ['Map', 'Set', 'JSON', 'Object', 'Array', 'structuredClone', 'globalThis', '_', 'Symbol', 'Error'] as const;
export type Builtin = (typeof BUILTINS)[number];

export interface ProgramConfig {
  readonly lang: 'js' | 'ts';
  readonly style: SemicolonStyle;
  /** The file's directive prologue: none, `'use strict';`, or `'use strict'` with no semicolon. */
  readonly directive: 'none' | 'semi' | 'bare';
  /** JavaScript written as an ES module (with `import`s); always strict. */
  readonly esm: boolean;
  readonly breakChains: boolean;
}

export interface Var {
  readonly name: string;
  readonly ty: Ty;
  /** Declared with `let` or `var`: may be assigned again. */
  readonly mutable: boolean;
  /** Declared with `var`: a second `var` declaration of it assigns it again, unseen as an assignment. */
  readonly isVar?: boolean;
}

export interface Callable {
  readonly name: string;
  readonly params: readonly Ty[];
  readonly returns: Ty;
  readonly async: boolean;
  /** A generator function: called as `[...g(x)]`. */
  readonly generator?: boolean;
}

export interface ClassInfo {
  readonly name: string;
  readonly ctorParam: Ty;
  /** Methods `(x) => returns`, each taking one argument of its type. */
  readonly methods: readonly { readonly name: string; readonly param: Ty; readonly returns: Ty }[];
  readonly fields: readonly { readonly name: string; readonly ty: Ty }[];
  readonly getter?: { readonly name: string; readonly ty: Ty };
}

/** How a shadowed built-in behaves where it is shadowed: its copy forms still compile, but must not copy. */
export type ShadowValue = 'fake' | 'undefined' | 'tdz';

export class Scope {
  readonly vars: Var[] = [];
  readonly callables: Callable[] = [];
  readonly classes: ClassInfo[] = [];
  readonly shadows = new Map<Builtin, ShadowValue>();
  /** Names bound to a built-in that copies: `assign` after `const { assign } = Object`. */
  readonly aliases: { readonly name: string; readonly of: 'assign' | 'structuredClone' | 'from' }[] = [];

  constructor(
    readonly parent: Scope | undefined,
    readonly kind: 'top' | 'function' | 'block' | 'loop' | 'method',
    readonly flags: { readonly async: boolean; readonly generator: boolean; readonly inLoop: boolean; readonly inFunction: boolean; readonly thisClass?: ClassInfo; readonly strict?: boolean },
  ) {}
}

/** Pairs of a copy and what it copied, for logs that compare them (identity, shared children). */
export interface Related {
  readonly copy: string;
  readonly source: Expr;
  readonly ty: Ty;
}

export class Ctx {
  scope: Scope;
  depth = 0;
  private counter = 0;
  readonly related: Related[] = [];
  usesSteps = false;
  /** The program's lodash: its namespace binding (`_`, `lodash`), and names bound to `clone`/`cloneDeep`. */
  lodash: { readonly namespace: string | undefined; readonly functions: readonly string[] } | undefined;
  /** A name bound to Array.prototype.push (`const { push } = Array.prototype`), for `push.call(a, x)`. */
  pushAlias: string | undefined;
  /** Variables holding the name of a mutating method (`const m = 'push'`), for `a[m](x)`. */
  readonly methodNames: string[] = [];
  /** Whether the file runs as sloppy JavaScript (no directive, not a module, not TypeScript). */
  readonly sloppy: boolean;
  /** Inside a class body (strict, whatever the file is) while this is above 0. */
  classNesting = 0;

  constructor(
    public draw: Draw,
    readonly config: ProgramConfig,
  ) {
    // No top-level await: a CommonJS module cannot have one, and the instrumenter parses a script as one.
    this.scope = new Scope(undefined, 'top', { async: false, generator: false, inLoop: false, inFunction: false });
    this.sloppy = config.lang === 'js' && !config.esm && config.directive === 'none';
  }

  /** Whether the code being built is strict: `with` is a syntax error there. */
  get strict(): boolean {
    return !this.sloppy || this.classNesting > 0 || this.scope.flags.strict === true;
  }

  /** How many scopes deep the program is now (0 at the top). */
  get nesting(): number {
    let n = 0;
    for (let s = this.scope.parent; s; s = s.parent) n++;
    return n;
  }

  get ts(): boolean {
    return this.config.lang === 'ts';
  }

  fresh(prefix: string): string {
    this.counter++;
    return `${prefix}${this.counter}`;
  }

  /** Runs `body` in a new scope. */
  within<T>(kind: Scope['kind'], flags: Partial<Scope['flags']>, body: (scope: Scope) => T): T {
    const outer = this.scope;
    this.scope = new Scope(outer, kind, { ...outer.flags, ...flags });
    try {
      return body(this.scope);
    } finally {
      this.scope = outer;
    }
  }

  declare(v: Var): void {
    this.scope.vars.push(v);
  }

  /** Every variable in scope, innermost first. */
  visibleVars(): Var[] {
    const out: Var[] = [];
    for (let s: Scope | undefined = this.scope; s; s = s.parent) out.push(...s.vars);
    return out;
  }

  varsOf(ty: Ty): Var[] {
    return this.visibleVars().filter((v) => v.ty === ty);
  }

  callables(): Callable[] {
    const out: Callable[] = [];
    for (let s: Scope | undefined = this.scope; s; s = s.parent) out.push(...s.callables);
    return out.filter((c) => !c.async || this.scope.flags.async);
  }

  aliases(): Scope['aliases'] {
    const out: Scope['aliases'][number][] = [];
    for (let s: Scope | undefined = this.scope; s; s = s.parent) out.push(...s.aliases);
    return out;
  }

  classes(): ClassInfo[] {
    const out: ClassInfo[] = [];
    for (let s: Scope | undefined = this.scope; s; s = s.parent) out.push(...s.classes);
    return out;
  }

  /** How `name` is shadowed where the program is now, if it is. */
  shadow(name: Builtin): ShadowValue | undefined {
    for (let s: Scope | undefined = this.scope; s; s = s.parent) {
      const v = s.shadows.get(name);
      if (v !== undefined) return v;
    }
    return undefined;
  }

  /** A built-in usable for its ordinary job here (logging, checks): bound to nothing of the program's. */
  free(name: Builtin): boolean {
    return this.shadow(name) === undefined;
  }
}
