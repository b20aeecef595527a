/**
 * The arguments a printing call hands over, with each one that would print a view as a Proxy, or
 * as its bare target, swapped for its display twin (display-twins.ts); the very same array when no
 * view is within reach, so that a program that prints none is handed its own arguments.
 */
import { displayDepth, type OptionLayers } from './display-options.js';
import { displayTwins } from './display-twins.js';
import { Directive, directives } from './format-directives.js';
import { anyViewMade } from './node-view.js';

// Taken at load: plain formatting does not run what the program may later put in its place.
// eslint-disable-next-line @typescript-eslint/unbound-method -- called with Reflect.apply on the receivers they are meant for
const stringIncludes = String.prototype.includes;
const { apply } = Reflect;
/** `%o` inspects at this depth whatever the options say. */
const HIDDEN_DEPTH = 4;

/** The arguments of a util.format call (a format string and values) under the call's options. */
export function shownArguments(args: unknown[], layers: OptionLayers): unknown[] {
  if (!anyViewMade() || !holdsObject(args)) return args;
  const hidden = typeof args[0] === 'string' && apply<string, [string], boolean>(stringIncludes, args[0], ['%o']);
  const depth = displayDepth(layers);
  if (!hidden && depth === undefined) return args;
  const uses = directives(args);
  const depths: (number | undefined)[] = [];
  for (let i = 0; i < uses.length; i++) {
    const use = uses[i];
    depths[i] = use === Directive.Hidden ? HIDDEN_DEPTH : use === Directive.Options ? depth : use === Directive.String && depth !== undefined ? 0 : undefined;
  }
  return displayTwins(args, depths) ?? args;
}

/** The arguments of a util.inspect call (a value, options), the value inspected under `layers`. */
export function shownInspectArguments(args: unknown[], layers: OptionLayers): unknown[] {
  const value = args[0];
  if (!anyViewMade() || typeof value !== 'object' || value === null) return args;
  const shown = displayTwins([value], [displayDepth(layers)]);
  if (shown === undefined) return args;
  const out: unknown[] = [shown[0]];
  for (let i = 1; i < args.length; i++) out[i] = args[i];
  return out;
}

function holdsObject(args: readonly unknown[]): boolean {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (typeof arg === 'object' && arg !== null) return true;
  }
  return false;
}
