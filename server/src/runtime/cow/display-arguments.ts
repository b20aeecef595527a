/**
 * The arguments a printing call hands over, with each one that would print a view as a Proxy, or
 * as its bare target, swapped for its display twin (display-twins.ts); the very same array when no
 * view is within reach, so that a program that prints none is handed its own arguments.
 */
import { displayDepth, runsHooks, type OptionLayers } from './display-options.js';
import { displayTwins, isObject } from './display-twins.js';
import { Directive, directives } from './format-directives.js';
import { builtinPreviewOf } from './live-iterator.js';
import { NodeKind } from './node-kind.js';
import { anyViewMade, viewKindOf } from './node-view.js';

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
  return displayTwins(args, depths, runsHooks(layers)) ?? args;
}

/** The arguments of a util.inspect call (a value, options), the value inspected under `layers`. */
export function shownInspectArguments(args: unknown[], layers: OptionLayers): unknown[] {
  const value = args[0];
  if (!anyViewMade() || !isObject(value)) return args;
  const shown = displayTwins([value], [displayDepth(layers)], runsHooks(layers));
  return shown === undefined ? args : withFirst(shown[0], args);
}

/**
 * The arguments of a console.table call (data, then columns) under `layers`. Node's table tells a
 * Map or a Set, and their iterators, by internal slots that a view of one (or its iterator) has
 * not, and would print it as an empty table: such a view is handed over as its twin, a Map or a
 * Set, and its iterator as a built-in one of what it has left, as is data whose values would print
 * a view as a Proxy (each value is inspected a level below the data).
 */
export function shownTableArguments(args: unknown[], layers: OptionLayers): unknown[] {
  const data = args[0];
  if (!anyViewMade() || !isObject(data)) return args;
  const preview = builtinPreviewOf(data);
  if (preview !== undefined) return withFirst(preview, args);
  const depth = displayDepth(layers);
  const kind = viewKindOf(data);
  if (depth === undefined && kind !== NodeKind.Map && kind !== NodeKind.Set) return args;
  const shown = displayTwins([data], [depth === undefined ? 0 : depth + 1], runsHooks(layers));
  return shown === undefined ? args : withFirst(shown[0], args);
}

/** `args` with `first` in place of its first. */
function withFirst(first: unknown, args: readonly unknown[]): unknown[] {
  const out: unknown[] = [first];
  for (let i = 1; i < args.length; i++) out[i] = args[i];
  return out;
}

function holdsObject(args: readonly unknown[]): boolean {
  for (let i = 0; i < args.length; i++) if (isObject(args[i])) return true;
  return false;
}
