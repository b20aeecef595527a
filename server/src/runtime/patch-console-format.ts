import nodeConsole from 'node:console';
import { shownArguments, shownInspectArguments, shownTableArguments } from './cow/display-arguments.js';
import { isObject } from './cow/display-twins.js';
import { anyViewMade } from './cow/node-view.js';
import { withoutOwnFrames } from './own-frames.js';
import { standIn } from './patch-clone-globals.js';
import { OwnMap } from './captured-intrinsics.js';
import { Object } from './captured-namespaces.js';

type Fn = (this: unknown, ...args: unknown[]) => unknown;
type ConsoleLike = Record<PropertyKey, unknown>;
type Stream = '_stdout' | '_stderr';

// Taken at load: plain formatting does not run what the program may later put in their place.
const { apply, defineProperty, getOwnPropertyDescriptor } = Reflect;
const arrayUnshift = Array.prototype.unshift;
/** In place of a console's options: no view is made yet, and the arguments go over as given. */
const AS_GIVEN = Symbol('as given');
/** What `console.dir` sets under the console's options and its caller's. */
const DIR_OPTIONS = { customInspect: false };

/**
 * The console's side of patch-inspect-globals.ts. Every console method that formats (log, info,
 * debug, warn, error, dirxml, group, groupCollapsed, assert, trace, timeLog) hands its arguments
 * to one of two internal methods, symbol-keyed on Console.prototype (found by their descriptions)
 * and copied, bound, onto the global console; `dir` inspects its argument itself, and `table`
 * tells a Map or a Set by internal slots that a view of one has not. Those are replaced on both (a
 * `new console.Console(...)` gets its methods from the prototype), never the other methods the
 * program calls, whose frames `console.trace` prints. Where the internal method is
 * one this module knows (Node 20's, and 22's and 24's with their fast path for one string), the
 * replacement does what it does, in its place, so a stack the program takes while its values are
 * formatted (in a toJSON, a getter) holds as many frames as under plain Node; otherwise it hands
 * over to it. Returns a function that puts the built-ins back.
 */
export function patchConsoleFormatting(formatWithOptions: Fn, defaults: object): () => void {
  // Node's own console, whoever has taken the global's place (a test runner does).
  const globalConsole = nodeConsole as unknown as ConsoleLike;
  const Console = (nodeConsole as { Console?: unknown }).Console;
  if (typeof Console !== 'function') return () => undefined;
  const proto = Console.prototype as ConsoleLike;
  const symbols = new OwnMap(Object.getOwnPropertySymbols(proto).map((s) => [s.description, s]));
  const getOptions = symbols.get('kGetInspectOptions');
  if (getOptions === undefined) return () => undefined;
  const optionsOf = (self: ConsoleLike, stream: Stream): unknown => apply(self[getOptions] as Fn, self, [self[stream]]);

  const restores: (() => void)[] = [];
  const replace = (owner: ConsoleLike, key: PropertyKey, make: (original: Fn) => Fn): void => {
    const descriptor = getOwnPropertyDescriptor(owner, key);
    const original = descriptor?.value as Fn | undefined;
    if (descriptor === undefined || typeof original !== 'function') return;
    if (defineProperty(owner, key, { ...descriptor, value: standIn(make(original), original) })) restores.push(() => defineProperty(owner, key, descriptor));
  };

  for (const [description, stream] of [
    ['kFormatForStdout', '_stdout'],
    ['kFormatForStderr', '_stderr'],
  ] as const) {
    const key = symbols.get(description);
    const original = key === undefined ? undefined : (proto[key] as Fn | undefined);
    if (key === undefined || typeof original !== 'function') continue;
    const known = knownFormatting(original, stream);
    for (const owner of [proto, globalConsole]) {
      replace(owner, key, (builtin) => {
        if (known !== undefined) return formatting(getOptions, stream, known === 'fast', formatWithOptions, defaults);
        // eslint-disable-next-line @typescript-eslint/unbound-method -- a method, as the built-in is, run on the console it is called on
        const { value } = {
          value(this: ConsoleLike, args: unknown[]): unknown {
            // The global console has no options of its own; another one is asked for them, once more.
            const layers = this === globalConsole || !anyViewMade() ? [defaults] : [optionsOf(this, stream), defaults];
            try {
              return apply(builtin, this, [shownArguments(args, layers)]);
            } catch (error) {
              throw withoutOwnFrames(error, value);
            }
          },
        };
        return value as Fn;
      });
    }
  }
  // The options of the console a method runs on: none of its own (undefined) for the global
  // console, whose methods are bound and run detached too, nor for a call on no console (the
  // built-in's error to raise, after the same search).
  const ownOptions = (self: unknown, owner: ConsoleLike): unknown => (owner !== globalConsole && isObject(self) ? optionsOf(self as ConsoleLike, '_stdout') : undefined);
  for (const owner of [proto, globalConsole]) {
    replace(owner, 'dir', (builtin) => {
      // eslint-disable-next-line @typescript-eslint/unbound-method -- a method, as the built-in is, run on the console it is called on
      const { dir } = {
        dir(this: ConsoleLike, ...args: unknown[]): unknown {
          const value = args[0];
          let shown = args;
          const own = anyViewMade() && isObject(value) ? ownOptions(this, owner) : AS_GIVEN;
          if (own !== AS_GIVEN) shown = shownInspectArguments(args, [args[1], own, DIR_OPTIONS, defaults]);
          try {
            return apply(builtin, this, shown);
          } catch (error) {
            throw withoutOwnFrames(error, dir);
          }
        },
      };
      return dir as Fn;
    });
  }
  for (const owner of [proto, globalConsole]) {
    replace(owner, 'table', (builtin) => {
      // eslint-disable-next-line @typescript-eslint/unbound-method -- a method, as the built-in is, run on the console it is called on
      const { table } = {
        table(this: ConsoleLike, ...args: unknown[]): unknown {
          const own = anyViewMade() ? ownOptions(this, owner) : AS_GIVEN;
          const shown = own === AS_GIVEN ? args : shownTableArguments(args, [own, defaults]);
          try {
            return apply(builtin, this, shown);
          } catch (error) {
            throw withoutOwnFrames(error, table);
          }
        },
      };
      return table as Fn;
    });
  }
  return () => {
    for (const restore of restores) restore();
  };
}

/** Node's internal formatting method, as it is written (comments and spacing aside), with and without its fast path. */
function knownFormatting(original: Fn, stream: Stream): 'plain' | 'fast' | undefined {
  const body = `constopts=this[kGetInspectOptions](this.${stream});ArrayPrototypeUnshift(args,opts);returnReflectApply(formatWithOptions,null,args);}`;
  let source: string;
  try {
    source = Function.prototype.toString.call(original).replace(/\/\/[^\n]*/g, '').replace(/\s+/g, '');
  } catch {
    return undefined;
  }
  if (source === `function(args){${body}`) return 'plain';
  if (source === `function(args){if(args.length===1){consta0=args[0];if(typeofa0==='string'){returna0;}}${body}`) return 'fast';
  return undefined;
}

/** Node's internal formatting method, rewritten to hand formatWithOptions the display twins of views. */
function formatting(getOptions: symbol, stream: Stream, fastPath: boolean, formatWithOptions: Fn, defaults: object): Fn {
  // A method named as the built-in is (standIn names it), without `prototype`, `arguments` or `caller`.
  // eslint-disable-next-line @typescript-eslint/unbound-method -- run on the console it is called on
  const { value } = {
    value(this: ConsoleLike, args: unknown[]): unknown {
      if (fastPath && args.length === 1 && typeof args[0] === 'string') return args[0];
      const options = apply(this[getOptions] as Fn, this, [this[stream]]);
      const shown = shownArguments(args, [options, defaults]);
      apply(arrayUnshift, shown, [options]);
      return apply(formatWithOptions, null, shown);
    },
  };
  return value as Fn;
}
