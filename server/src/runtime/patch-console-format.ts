import nodeConsole from 'node:console';
import { shownArguments, shownInspectArguments } from './cow/display-arguments.js';
import { anyViewMade } from './cow/node-view.js';
import type { OptionLayers } from './cow/display-options.js';
import { withoutOwnFrames } from './own-frames.js';
import { standIn } from './patch-clone-globals.js';

type Fn = (this: unknown, ...args: unknown[]) => unknown;
type ConsoleLike = Record<PropertyKey, unknown>;
type Stream = '_stdout' | '_stderr';

// Taken at load: plain formatting does not run what the program may later put in their place.
const { apply, defineProperty, getOwnPropertyDescriptor } = Reflect;
const arrayUnshift = Array.prototype.unshift;
/** What `console.dir` sets under the console's options and its caller's. */
const DIR_OPTIONS = { customInspect: false };

/**
 * The console's side of patch-inspect-globals.ts. Every console method that formats (log, info,
 * debug, warn, error, dirxml, group, groupCollapsed, assert, trace, timeLog) hands its arguments
 * to one of two internal methods, symbol-keyed on Console.prototype (found by their descriptions)
 * and copied, bound, onto the global console; `dir` inspects its argument itself. Those are
 * replaced on both (a `new console.Console(...)` gets its methods from the prototype), never the
 * methods the program calls, whose frames `console.trace` prints. Where the internal method is
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
  const symbols = new Map(Object.getOwnPropertySymbols(proto).map((s) => [s.description, s]));
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
  for (const owner of [proto, globalConsole]) {
    replace(owner, 'dir', (builtin) => {
      // eslint-disable-next-line @typescript-eslint/unbound-method -- a method, as the built-in is, run on the console it is called on
      const { dir } = {
        dir(this: ConsoleLike, ...args: unknown[]): unknown {
          const value = args[0];
          let shown = args;
          if (anyViewMade() && typeof value === 'object' && value !== null) {
            const layers: OptionLayers = this === globalConsole ? [args[1], DIR_OPTIONS, defaults] : [args[1], optionsOf(this, '_stdout'), DIR_OPTIONS, defaults];
            shown = shownInspectArguments(args, layers);
          }
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
