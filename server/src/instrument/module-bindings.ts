import type { CopyKind } from '../runtime/copy-kinds.js';
import { WITH_BINDINGS_KEY } from '../runtime/with-bindings.js';

/** The global slot where the preloaded runtime waits for instrumented modules. */
export const RUNTIME_KEY = 'cowlens.runtime';

/**
 * How instrumented code reaches the runtime. The module's ids are registered on first use, not
 * at the top of the module: a hoisted function can run before the module body does (cyclic
 * imports), and `__cl$i` is a hoisted function declaration too. It begins with an identifier, not
 * a parenthesis, so that an edit at the start of a statement never continues the statement before
 * it in code without semicolons: where the original's first token was a name, ASI ends the line
 * before it for a name just the same.
 */
export const RUNTIME_REF = '__cl$i()';

export const siteRef = (index: number): string => `__cl$s[${String(index)}]`;
export const locationRef = (index: number): string => `__cl$l[${String(index)}]`;
export const tempName = (index: number): string => `__cl$t${String(index)}`;
/** A variable that carries a write's object across its value's `await` or `yield` (carried-targets.ts). */
export const carriedName = (index: number): string => `__cl$w${String(index)}`;

/** The bindings a with body uses, as `withObject` takes them after the with object (runtime/with-bindings.ts). */
export const WITH_BINDINGS = '__cl$i, __cl$s, __cl$l';

/**
 * The head of a with body that uses cowlens's names: block-scoped aliases of the module's
 * bindings, found before the with object is asked. Its initializer holds no name the with object
 * would be asked for, and no function, whose source would not be the program's: it calls the
 * taker the runtime put in the place of BigInt's prototype's `constructor` (where it could; else
 * it asks the runtime from the global scope, in a function made from text by the constructor of
 * BigInt's constructor).
 */
export const WITH_BODY_HEAD =
  `const {i:__cl$i,s:__cl$s,l:__cl$l}=0n.constructor.${WITH_BINDINGS_KEY}?.()` +
  `??0n.constructor.constructor(${JSON.stringify(`return globalThis[Symbol.for(${JSON.stringify(RUNTIME_KEY)})].withBindings()`)})();`;

/**
 * The first statements of `__cl$i`: `r` is the runtime, or the module fails with a message that
 * says what to do. `global` is how the module's language reaches the global object; `Symbol` and
 * `Error` are read from it, since the module may bind names of its own to them.
 */
export function runtimeLookup(global: string): string {
  return (
    `if(__cl$r)return __cl$r;var g=${global},r=g[g.Symbol.for(${JSON.stringify(RUNTIME_KEY)})];` +
    `if(!r)throw new g.Error("cowlens: this module was instrumented but the runtime is not loaded (run it with cowlens report)");`
  );
}

/**
 * The global object, as a module reaches it. A module that binds `globalThis` itself gets it from
 * a function made from text, whose body only sees globals; the constructor is read from an arrow
 * function, since the module may also bind `Function`.
 */
export function globalObject(bindsGlobalThis: boolean): string {
  return bindsGlobalThis ? '(()=>{}).constructor("return globalThis")()' : 'globalThis';
}

/** What a module registers with the runtime, and how it reaches it. */
export interface ModuleTables {
  /** How the runtime names the module in reports: an absolute path. */
  readonly file: string;
  /** Line, column and kind of each copy site, in the order the module numbers them. */
  readonly sites: readonly (readonly [number, number, CopyKind])[];
  /** Per site, what V8 says when the copy fails for its operand's type (0: nothing to say). */
  readonly failures: readonly (string | 0)[];
  /** Line and column of each write. */
  readonly locations: readonly (readonly [number, number])[];
  /** The module binds `globalThis` itself at its top level. */
  readonly bindsGlobalThis: boolean;
}

/**
 * The module's runtime bindings: one line, put after the last line of the module (see
 * BINDINGS_SEPARATOR), where it moves no line and no column. Its `var` and function declaration
 * are hoisted, so code anywhere in the module can use them.
 */
export function moduleBindings({ file, sites, failures, locations, bindsGlobalThis }: ModuleTables): string {
  const f = JSON.stringify(file);
  return (
    `var __cl$r,__cl$s,__cl$l;${COVERAGE_IGNORED}function __cl$i(){${runtimeLookup(globalObject(bindsGlobalThis))}` +
    `__cl$s=r.sites(${f},${JSON.stringify(sites.flat())}${failuresArgument(failures)});__cl$l=r.locations(${f},${JSON.stringify(locations.flat())});return __cl$r=r;}`
  );
}

/**
 * Coverage tools that instrument the instrumented text (istanbul: nyc, jest's collectCoverage,
 * tap) would count `__cl$i`'s branches, which never all run, as the program's: they skip it.
 */
export const COVERAGE_IGNORED = '/* istanbul ignore next */';

/**
 * What goes between a module's last line and its bindings. At the end, not the top, the bindings
 * leave the file's head as written: a hashbang, a directive prologue with or without semicolons,
 * and the comments tools read only there (`// @ts-nocheck`, `// @flow`, the `@jsx` pragma, license
 * banners). The newline ends a last line that is a `//` comment or a statement with no semicolon.
 */
export const BINDINGS_SEPARATOR = '\n';

/** The sites' failure messages as a last argument of `sites`, when a site has one. */
export function failuresArgument(failures: readonly (string | 0)[]): string {
  return failures.some((m) => m !== 0) ? `,${JSON.stringify(failures)}` : '';
}
