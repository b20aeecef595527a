import { Accounting } from '../figures/accounting.js';
import { DeepRules } from './adopt.js';
import { tick } from './clock.js';
import { deepView } from './lazy-copy.js';
import { handlerOf, OVERLAY_MIN_LENGTH, toPlain, wrap } from './node-view.js';
import { InheritedLayers, Root } from './root.js';

/**
 * The copy-on-write API for people who want COW values in their own code, like Immer's drafts
 * but persistent: `cow(value)` takes ownership of `value` (do not write it directly afterwards,
 * as with Immer's base state) and returns a view that copies a node only when it is first written;
 * `snapshot(view)` is an O(written nodes) deep copy of a view that shares everything with it.
 */
const accounting = new Accounting(0, OVERLAY_MIN_LENGTH);

export function cow<T extends object>(value: T): T {
  if (handlerOf(value)) return snapshot(value);
  const t = tick();
  const root = new Root(0, true, accounting, t, t, InheritedLayers.EMPTY, {});
  return wrap(root, value, t) as T;
}

export function snapshot<T extends object>(view: T): T {
  const h = handlerOf(view);
  if (!h) return cow(view);
  const copy = deepView(accounting, 0, view, DeepRules.Structured);
  return copy ? (copy.view as T) : (cow(toPlain(view) as T));
}

export { toPlain };

export function isCow(value: unknown): boolean {
  return handlerOf(value) !== undefined;
}
