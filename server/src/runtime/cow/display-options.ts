/**
 * Whether util.inspect, given some options, would show a view for what it is (a Proxy, with
 * `showProxy`; its bare target, with `customInspect: false`), and down to which depth it prints.
 * Options are read as Node reads them (own enumerable keys, layered over `inspect.defaultOptions`)
 * but never by running the program's code: an option behind a getter or a Proxy counts as unknown,
 * and unknown means the worst case (a view would show, at any depth), which costs a search and
 * changes nothing printed.
 */
import { isProxy } from '../is-proxy.js';

const { getOwnPropertyDescriptor } = Reflect;
const { hasOwn } = Object;
const UNKNOWN = Symbol('unknown option');

/** Layers of options, the first that has a key giving it, the last being Node's defaults. */
export type OptionLayers = readonly unknown[];

/** The depth to search for views to swap, or undefined when the options show views as plain copies anyway. */
export function displayDepth(layers: OptionLayers): number | undefined {
  const showProxy = option(layers, 'showProxy');
  const customInspect = option(layers, 'customInspect');
  if (showProxy !== UNKNOWN && !showProxy && customInspect !== UNKNOWN && customInspect) return undefined;
  const depth = option(layers, 'depth');
  // `null`, `undefined` and NaN never compare below a level: Node prints everything.
  return typeof depth === 'number' && depth === depth ? depth : Infinity;
}

/** Whether Node runs inspect hooks under these options: unless `customInspect` is known to be false. */
export function runsHooks(layers: OptionLayers): boolean {
  return option(layers, 'customInspect') !== false;
}

function option(layers: OptionLayers, key: string): unknown {
  for (let i = 0; i < layers.length; i++) {
    const layer = layers[i];
    if ((typeof layer !== 'object' && typeof layer !== 'function') || layer === null) continue;
    if (isProxy(layer)) return UNKNOWN;
    if (!hasOwn(layer, key)) continue;
    const descriptor = getOwnPropertyDescriptor(layer, key);
    if (descriptor === undefined || descriptor.enumerable !== true) continue;
    return hasOwn(descriptor, 'value') ? descriptor.value : UNKNOWN;
  }
  return undefined;
}
