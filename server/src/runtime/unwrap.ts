import { anyViewMade, toPlain } from './cow/node-view.js';

/**
 * `value` with every view inside it replaced by what the view shows, for the native clone
 * functions (structuredClone, postMessage), which throw on a Proxy. Returns `value` itself when it
 * holds no view (`toPlain` copies only what leads to one), and plain programs, before their first
 * view, pay not even the walk.
 */
export function toCloneable(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || !anyViewMade()) return value;
  return toPlain(value);
}
