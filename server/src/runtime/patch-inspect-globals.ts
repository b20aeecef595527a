import { syncBuiltinESMExports } from 'node:module';
import util from 'node:util';
import { shownArguments, shownInspectArguments } from './cow/display-arguments.js';
import { handHooks, isObject } from './cow/display-twins.js';
import { withoutOwnFrames } from './own-frames.js';
import { patchConsoleFormatting } from './patch-console-format.js';
import { standIn } from './patch-clone-globals.js';

type Fn = (this: unknown, ...args: unknown[]) => unknown;

// Taken at load: plain formatting does not run what the program may later put in their place.
const { apply, defineProperty, getOwnPropertyDescriptor, ownKeys } = Reflect;

/**
 * Makes the entry points that would print a view as a Proxy (`showProxy`, which `%o` sets) or as
 * its bare target (`customInspect: false`, which `console.dir` sets) print it as plain Node prints
 * the copy: `util.inspect`, `util.format`, `util.formatWithOptions` (for CommonJS and ES modules
 * alike) and the console's formatting (patch-console-format.ts). Each hands its arguments over
 * untouched until a view is within the depth printed; an error the built-in raises shows the
 * program's frames. Returns a function that puts the built-ins back.
 */
export function patchInspectGlobals(): () => void {
  const builtinInspect = util.inspect as unknown as Fn & { defaultOptions: object };
  const builtinFormat = util.format as unknown as Fn;
  const builtinFormatWithOptions = util.formatWithOptions as unknown as Fn;
  // Node's own object, which assigning `util.inspect.defaultOptions` updates in place.
  const defaults = builtinInspect.defaultOptions;

  // Functions, as the built-ins are (each with a `prototype`), and strict, as they are, in a bundle
  // that may not be: a sloppy function has `arguments` and `caller` of its own. Each calls the
  // built-in itself, so that a stack the program takes meanwhile (in a toJSON, a getter) holds one
  // frame more, not two.
  const patchedInspect = standIn(function inspect(this: unknown): unknown {
    'use strict';
    // eslint-disable-next-line prefer-rest-params -- a strict function cannot have rest parameters
    const args = listOf(arguments);
    // Run by Node as an object's inspect hook (the program made util.inspect one), which Node
    // passes over when it is its own inspect: the object, returned, is formatted as it is.
    if (args[2] === builtinInspect && isObject(this)) return this;
    const legacyDepth = args.length > 2 && args[2] !== undefined ? { depth: args[2] } : undefined;
    try {
      return apply(builtinInspect, this, shownInspectArguments(args, [args[1], legacyDepth, defaults]));
    } catch (error) {
      throw withoutOwnFrames(error, patchedInspect);
    }
  }, builtinInspect);
  // The hook symbol, `defaultOptions` (an accessor over Node's own object), `colors` and `styles`.
  for (const key of ownKeys(builtinInspect)) {
    if (key !== 'length' && key !== 'name' && key !== 'prototype') defineProperty(patchedInspect, key, getOwnPropertyDescriptor(builtinInspect, key)!);
  }

  const patchedFormat = standIn(function format(this: unknown): unknown {
    'use strict';
    // eslint-disable-next-line prefer-rest-params -- a strict function cannot have rest parameters
    const args = listOf(arguments);
    try {
      return apply(builtinFormat, this, shownArguments(args, [defaults]));
    } catch (error) {
      throw withoutOwnFrames(error, patchedFormat);
    }
  }, builtinFormat);

  const patchedFormatWithOptions = standIn(function formatWithOptions(this: unknown): unknown {
    'use strict';
    // eslint-disable-next-line prefer-rest-params -- a strict function cannot have rest parameters
    const args = listOf(arguments);
    const options = args[0];
    // Options that are not an object are the built-in's error to raise.
    const rest = typeof options === 'object' && options !== null ? listOf(args, 1) : undefined;
    const shown = rest === undefined ? rest : shownArguments(rest, [options, defaults]);
    try {
      return apply(builtinFormatWithOptions, this, shown === rest ? args : prepend(options, shown!));
    } catch (error) {
      throw withoutOwnFrames(error, patchedFormatWithOptions);
    }
  }, builtinFormatWithOptions);

  const restores: (() => void)[] = [];
  for (const [key, replacement] of [
    ['inspect', patchedInspect],
    ['format', patchedFormat],
    ['formatWithOptions', patchedFormatWithOptions],
  ] as const) {
    const descriptor = getOwnPropertyDescriptor(util, key);
    if (descriptor === undefined || !defineProperty(util, key, { ...descriptor, value: replacement })) continue;
    restores.push(() => defineProperty(util, key, descriptor));
  }
  restores.push(patchConsoleFormatting(builtinFormatWithOptions, defaults));
  // Node hands an inspect hook its own util.inspect, which the program's now is.
  handHooks(patchedInspect);
  restores.push(() => {
    handHooks(builtinInspect);
  });
  // ES modules that import from node:util see the module's properties as they were when last synced.
  syncBuiltinESMExports();
  return () => {
    for (const restore of restores) restore();
    syncBuiltinESMExports();
  };
}

function prepend(first: unknown, rest: readonly unknown[]): unknown[] {
  const out: unknown[] = [first];
  for (let i = 0; i < rest.length; i++) out[i + 1] = rest[i];
  return out;
}

/** The elements of `list` from `start`, copied without the array methods the program may have replaced. */
function listOf(list: ArrayLike<unknown>, start = 0): unknown[] {
  const out: unknown[] = [];
  for (let i = start; i < list.length; i++) out[i - start] = list[i];
  return out;
}
