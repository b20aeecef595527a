import type { CopyKind } from '../runtime/copy-kinds.js';

/** The global slot where the preloaded runtime waits for instrumented modules. */
export const RUNTIME_KEY = 'cowlens.runtime';

/**
 * How instrumented code reaches the runtime. The module's ids are registered on first use, not
 * at the top of the module: a hoisted function can run before the module body does (cyclic
 * imports), and `__cl$i` is a hoisted function declaration too.
 */
export const RUNTIME_REF = '(__cl$r||__cl$i())';

export const siteRef = (index: number): string => `__cl$s[${String(index)}]`;
export const locationRef = (index: number): string => `__cl$l[${String(index)}]`;
export const tempName = (index: number): string => `__cl$t${String(index)}`;

/**
 * The preamble's first statements: `r` is the runtime, or the module fails with a message that
 * says what to do. `global` is how the module's language lets it read the global slot.
 */
export function runtimeLookup(global: string): string {
  return (
    `var r=${global}[Symbol.for(${JSON.stringify(RUNTIME_KEY)})];` +
    `if(!r)throw new Error("cowlens: this module was instrumented but the runtime is not loaded (run it with cowlens report)");`
  );
}

/** One line of code, no newline, so that every line of the module stays where it was. */
export function modulePreamble(file: string, sites: readonly (readonly [number, number, CopyKind])[], locations: readonly (readonly [number, number])[]): string {
  const f = JSON.stringify(file);
  return (
    `var __cl$r,__cl$s,__cl$l;function __cl$i(){${runtimeLookup('globalThis')}` +
    `__cl$s=r.sites(${f},${JSON.stringify(sites.flat())});__cl$l=r.locations(${f},${JSON.stringify(locations.flat())});return __cl$r=r;}`
  );
}
