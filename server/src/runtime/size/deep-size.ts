import { isProxy } from '../is-proxy.js';
import { shallowSize } from './shallow-size.js';

export interface DeepSizeOptions {
  /** Count strings too: a deep copy (structuredClone, JSON) allocates them anew, a spread shares them. */
  readonly strings?: boolean;
  /** Stop once the total reaches this: enough to tell whether a value is smaller than it, without walking a large one. */
  readonly upTo?: number;
}

/**
 * Bytes of every node reachable from `value`, each counted once however often it is reached
 * (cycles, shared subgraphs). Iterative, so depth costs no stack. A Proxy a copy holds (a copier
 * may hand one back as it was) is not entered: sizing it would run its traps.
 */
/** Every option given its own value: an option left out would be looked up on Object.prototype, which the program may have set. */
const DEFAULTS: Required<DeepSizeOptions> = { strings: false, upTo: Infinity };

export function deepSize(value: unknown, options: DeepSizeOptions = DEFAULTS): number {
  const strings = options.strings === true;
  // Own only: callers leave it out, and the program may have put an `upTo` on Object.prototype.
  const upTo = Object.hasOwn(options, 'upTo') ? options.upTo! : Infinity;
  const seen = new Set<object>();
  const stack: unknown[] = [value];
  let total = 0;
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'string') {
      if (strings) total += shallowSize(v);
      continue;
    }
    if (typeof v !== 'object' || v === null || seen.has(v) || isProxy(v)) continue;
    seen.add(v);
    total += shallowSize(v);
    if (total >= upTo) return total;
    if (v instanceof Map) {
      for (const [k, x] of v as Map<unknown, unknown>) stack.push(k, x);
    } else if (v instanceof Set) {
      for (const x of v as Set<unknown>) stack.push(x);
    } else if (Array.isArray(v)) {
      // A huge sparse array lists its few indices cheaper than it walks its length.
      if (v.length > 1 << 20) for (const key of Object.keys(v)) stack.push(v[Number(key)]);
      else for (let i = 0; i < v.length; i++) stack.push(v[i]);
    } else if (!ArrayBuffer.isView(v)) {
      for (const key in v) if (Object.prototype.hasOwnProperty.call(v, key)) stack.push((v as Record<string, unknown>)[key]);
    }
  }
  return total;
}
