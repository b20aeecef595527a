import { isProxy } from '../is-proxy.js';
import { shallowSize } from './shallow-size.js';
import { builtinArray, builtinMap, builtinSet, OwnSet } from '../captured-intrinsics.js';
import { Object, Reflect, Array } from '../captured-namespaces.js';

export interface DeepSizeOptions {
  /** Count strings too: a deep copy (structuredClone, JSON) allocates them anew, a spread shares them. */
  readonly strings?: boolean;
  /** Stop once the total reaches this: enough to tell whether a value is smaller than it, without walking a large one. */
  readonly upTo?: number;
  /** Read own data properties only, through their descriptors: the value is the program's, whose getters sizing must not run. */
  readonly dataOnly?: boolean;
}

/**
 * Bytes of every node reachable from `value`, each counted once however often it is reached
 * (cycles, shared subgraphs). Iterative, so depth costs no stack. A Proxy a copy holds (a copier
 * may hand one back as it was) is not entered: sizing it would run its traps.
 */
/** Every option given its own value: an option left out would be looked up on Object.prototype, which the program may have set. */
const DEFAULTS: Required<DeepSizeOptions> = { strings: false, upTo: Infinity, dataOnly: false };

export function deepSize(value: unknown, options: DeepSizeOptions = DEFAULTS): number {
  const strings = options.strings === true;
  // Own only: callers leave it out, and the program may have put an `upTo` on Object.prototype.
  const upTo = Object.hasOwn(options, 'upTo') ? options.upTo! : Infinity;
  const dataOnly = Object.hasOwn(options, 'dataOnly') && options.dataOnly === true;
  const seen = new OwnSet<object>();
  const stack: unknown[] = [value];
  let total = 0;
  while (stack.length > 0) {
    const v = builtinArray.pop(stack);
    if (typeof v === 'string') {
      if (strings) total += shallowSize(v);
      continue;
    }
    if (typeof v !== 'object' || v === null || seen.has(v) || isProxy(v)) continue;
    seen.add(v);
    total += shallowSize(v);
    if (total >= upTo) return total;
    if (v instanceof Map) {
      builtinMap.forEach(v, (x, k) => builtinArray.push(stack, k, x));
    } else if (v instanceof Set) {
      builtinSet.forEach(v, (x) => builtinArray.push(stack, x));
    } else if (dataOnly) {
      if (!ArrayBuffer.isView(v)) pushDataValues(v, stack);
    } else if (Array.isArray(v)) {
      // A huge sparse array lists its few indices cheaper than it walks its length.
      if (v.length > 1 << 20) {
        const keys = Object.keys(v);
        for (let i = 0; i < keys.length; i++) builtinArray.push(stack, v[Number(keys[i])]);
      }
      else for (let i = 0; i < v.length; i++) builtinArray.push(stack, v[i]);
    } else if (!ArrayBuffer.isView(v)) {
      for (const key in v) if (Object.hasOwn(v, key)) builtinArray.push(stack, (v as Record<string, unknown>)[key]);
    }
  }
  return total;
}

function pushDataValues(node: object, stack: unknown[]): void {
  const keys = Reflect.ownKeys(node);
  for (let i = 0; i < keys.length; i++) {
    const d = Reflect.getOwnPropertyDescriptor(node, keys[i]!);
    // Own `value` only: a descriptor inherits whatever the program put on Object.prototype.
    if (d !== undefined && Object.hasOwn(d, 'value')) builtinArray.push(stack, d.value);
  }
}
