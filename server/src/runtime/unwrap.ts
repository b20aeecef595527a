import { cloneImage, type Refusal } from './cow/clone-image.js';
import { duringNativeClone } from './cow/in-native-clone.js';
import { anyViewMade } from './cow/node-view.js';

/**
 * `value` as the native clone functions (structuredClone, postMessage), which throw on a Proxy,
 * may be handed it: `value` itself when the clone would meet no view on its way, else an image
 * the clone makes the same copy of (cow/clone-image.ts), the getters it would run run once, in
 * its order. Plain programs, before their first view, pay not even the walk: a copy a getter makes
 * while the clone runs is made eagerly then (see duringNativeClone).
 */
export function toCloneable(value: unknown, refuse?: Refusal): unknown {
  if (typeof value !== 'object' || value === null || !anyViewMade()) return value;
  return cloneImage(value, refuse);
}

/**
 * `clone` (a call of the native clone) given `value` as it may be handed it (see toCloneable);
 * what it refuses is refused by `refuse` (structuredClone's DataCloneError unless told).
 */
export function cloneNatively<T>(value: unknown, clone: (cloneable: unknown) => T, refuse?: Refusal): T {
  const cloneable = toCloneable(value, refuse);
  return duringNativeClone(() => clone(cloneable));
}
