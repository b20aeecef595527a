import { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import v8 from 'node:v8';
import vm from 'node:vm';
import workerThreads from 'node:worker_threads';
import { raisedFor, withoutOwnFrames } from '../own-frames.js';
import { standIn } from '../patch-clone-globals.js';
import { cloneNatively } from '../unwrap.js';
import { anyViewMade, handlerOf } from './node-view.js';
import { quietBinding, serializesWithV8 } from './node-internals.js';
import { Array, Object, Reflect } from '../captured-namespaces.js';

type Fn = (this: unknown, ...args: unknown[]) => unknown;

/*
 * Node's built-ins that refuse a Proxy where they take plain data: V8's serializer throws "could
 * not be cloned" (v8.serialize, v8.Serializer, child processes forked with `serialization:
 * 'advanced'`), C++ bindings assert that an argument is an Array and abort the process (fs's
 * and FileHandle's writev and readv, vm.compileFunction, process.setgroups and execve,
 * trace_events.createTracing; ChildProcess#spawn's takes one that is not an Array for none), and
 * Error.captureStackTrace throws on any object that is not an ordinary one. In cow mode each is
 * handed what plain Node hands it: the serializer an image of the value (cow/clone-image.ts), the
 * bindings a plain array of the view's elements, and captureStackTrace the view's own `stack`,
 * taken on a stand-in object. Until the first view is made, each calls the built-in with its
 * arguments untouched.
 */

/** A plain array of `value`'s elements when `value` is a view of an array, with its holes; else `value`. */
export function plainList(value: unknown): unknown {
  if (!anyViewMade() || handlerOf(value) === undefined) return value;
  const list = value as unknown[];
  if (!Array.isArray(list)) return value;
  const out = new Array(list.length);
  for (let i = 0; i < out.length; i++) if (i in list) out[i] = list[i];
  return out;
}

/** Puts `replacement` as `holder[key]`, keeping the property's attributes; returns what puts the built-in back. */
function replace(holder: object, key: string, makeReplacement: (original: Fn) => Fn): (() => void) | undefined {
  const descriptor = Reflect.getOwnPropertyDescriptor(holder, key);
  if (descriptor === undefined || typeof descriptor.value !== 'function') return undefined;
  const original = descriptor.value as Fn;
  if (!Reflect.defineProperty(holder, key, { ...descriptor, value: standIn(makeReplacement(original), original) })) return undefined;
  return () => Reflect.defineProperty(holder, key, descriptor);
}

/**
 * A replacement of `original`, a function of Node's, that calls it with the arguments `plain`
 * gives; an error it raises shows the program's frames, as it would without cowlens. One a C++
 * binding raises has no frame of the binding's, its first being the replacement's: it is the
 * binding's error all the same.
 */
function handing(plain: (args: unknown[]) => void): (original: Fn) => Fn {
  return (original) => {
    const replacement = function (this: unknown, ...args: unknown[]): unknown {
      plain(args);
      try {
        return Reflect.apply(original, this, args);
      } catch (error) {
        throw withoutOwnFrames(error instanceof Error ? raisedFor(error) : error, replacement);
      }
    };
    return replacement;
  };
}

/** Plain arrays in place of views at `positions`. */
function plainListsAt(...positions: number[]): (args: unknown[]) => void {
  return (args) => {
    for (const at of positions) if (at < args.length) args[at] = plainList(args[at]);
  };
}

/** vm.compileFunction's parameters and `contextExtensions` as plain arrays, the options read as Node reads them. */
function compileFunctionLists(args: unknown[]): void {
  if (args.length > 1) args[1] = plainList(args[1]);
  if (args.length > 2) args[2] = withPlainList(args[2], 'contextExtensions', plainScopes);
}

/** `contextExtensions`, with a plain object of its own properties for each view: V8 cannot scope a function in a Proxy. */
function plainScopes(value: unknown): unknown {
  const list = plainList(value);
  if (!Array.isArray(list)) return value;
  const given = list as unknown[];
  let scopes = given === value ? undefined : given;
  for (let i = 0; i < given.length; i++) {
    const scope = given[i];
    if (handlerOf(scope) === undefined) continue;
    if (scopes === undefined) {
      scopes = new Array(given.length);
      for (let j = 0; j < given.length; j++) if (j in given) scopes[j] = given[j];
    }
    const own = Object.create(Reflect.getPrototypeOf(scope as object)) as object;
    for (const key of Reflect.ownKeys(scope as object)) Reflect.defineProperty(own, key, Reflect.getOwnPropertyDescriptor(scope as object, key)!);
    scopes[i] = own;
  }
  return scopes ?? value;
}

/** The serializer's writeValue, handed an image of a value that holds a view; what it refuses, it refuses itself. */
function writeValueOfImages(original: Fn): Fn {
  // A method, as the built-in is: no `prototype`, not a constructor.
  // eslint-disable-next-line @typescript-eslint/unbound-method -- taken out to be put in the built-in's place
  const { writeValue: replacement } = {
    writeValue(this: unknown, ...args: unknown[]): unknown {
      if (args.length === 0) return Reflect.apply(original, this, args);
      const refuse = (value: unknown): never => {
        try {
          Reflect.apply(original, this, [value]);
        } catch (error) {
          throw error instanceof Error ? raisedFor(error) : error;
        }
        throw new TypeError(`cowlens: V8's serializer accepted ${typeof value}, which it refuses`);
      };
      try {
        return cloneNatively(args[0], (cloneable) => Reflect.apply(original, this, [cloneable, ...args.slice(1)]), refuse);
      } catch (error) {
        throw withoutOwnFrames(error, replacement);
      }
    },
  };
  return replacement;
}

/**
 * Error.captureStackTrace on a view: the trace is taken on a stand-in object and the view gets its
 * `stack` property, as an accessor over the stand-in's where V8 makes one (Node 21 on, formatted
 * when read), else as the data property V8 makes. A call that names no function to cut the trace
 * at is cut at the replacement, so that the trace starts at the program's call, as it does in plain Node.
 */
function captureStackTraceOnViews(original: Fn): Fn {
  // A method, as the built-in is: no `prototype`, not a constructor.
  // eslint-disable-next-line @typescript-eslint/unbound-method -- taken out to be put in the built-in's place
  const { captureStackTrace: replacement } = {
    captureStackTrace(this: unknown, ...args: unknown[]): unknown {
    if (typeof args[1] !== 'function') args[1] = replacement;
    const target = args[0];
    try {
      if (!anyViewMade() || handlerOf(target) === undefined) return Reflect.apply(original, this, args);
    } catch (error) {
      throw withoutOwnFrames(error, replacement);
    }
    const stand = {};
    Reflect.apply(original, this, [stand, args[1]]);
    const taken = Reflect.getOwnPropertyDescriptor(stand, 'stack')!;
    const { get, set } = taken;
    const descriptor: PropertyDescriptor =
      get === undefined
        ? taken
        : {
            get: (): unknown => Reflect.apply(get, stand, []) as unknown,
            set: (value: unknown): void => {
              if (set) Reflect.apply(set, stand, [value]);
            },
            enumerable: taken.enumerable === true,
            configurable: taken.configurable === true,
          };
      // Where the view takes no `stack` (frozen, sealed), V8's own error is raised, on an object that takes none either.
      if (!Reflect.defineProperty(target as object, 'stack', descriptor)) {
        try {
          const closed = {};
          Reflect.preventExtensions(closed);
          Reflect.apply(original, this, [closed, args[1]]);
        } catch (error) {
          throw withoutOwnFrames(error instanceof Error ? raisedFor(error) : error, replacement);
        }
      }
      return undefined;
    },
  };
  return replacement;
}

/**
 * The `send` of a channel that serializes with V8 (`serialization: 'advanced'`), a ChildProcess's
 * or a forked child's `process.send` (each set when the channel is set up), handed an image of a
 * message that holds a view; returns what puts the built-in back. Node 20 and 22 serialize it
 * with v8.Serializer, which is patched above; Node 24's codec is native. A channel that is
 * closed is left to the built-in, which reports it without reading the message.
 */
function sendingImages(child: object): () => void {
  const original: unknown = Reflect.getOwnPropertyDescriptor(child, 'send')?.value;
  if (typeof original !== 'function') return () => undefined;
  const send = original as Fn;
  const replacement = standIn(function (this: unknown, ...args: unknown[]): unknown {
    if (!anyViewMade() || args.length === 0 || Reflect.get(child, 'connected') !== true) return Reflect.apply(send, this, args);
    const refuse = (value: unknown): never => {
      try {
        Reflect.apply(send, this, [value]);
      } catch (error) {
        throw error instanceof Error ? raisedFor(error) : error;
      }
      throw new TypeError(`cowlens: a child process's send accepted ${typeof value}, which V8's serializer refuses`);
    };
    try {
      return cloneNatively(args[0], (cloneable) => Reflect.apply(send, this, [cloneable, ...args.slice(1)]), refuse);
    } catch (error) {
      throw withoutOwnFrames(error, replacement);
    }
  }, send);
  Reflect.set(child, 'send', replacement);
  return () => Reflect.set(child, 'send', send);
}

/**
 * `process.send` taking views in a child forked with `serialization: 'advanced'`, whose channel
 * Node set up before cowlens loaded (the children this process spawns get theirs from
 * ChildProcess#spawn, below).
 */
function sendingImagesToParent(): (() => void) | undefined {
  return serializesWithV8(process) ? sendingImages(process) : undefined;
}

/**
 * `call()` with the own writable data properties `keys` of `options` holding plain arrays where
 * they hold views, each put back after where Node left it; `holder[kept]` too, where Node kept
 * the first of `keys` there. The program's own object is lent, not another put in its place: Node writes
 * into it (ChildProcess#spawn its `stdio`).
 */
function lendingPlainLists<T>(options: unknown, keys: readonly string[], holder: unknown, kept: string, call: () => T): T {
  const lent: { key: string; view: unknown; list: unknown }[] = [];
  if (anyViewMade() && typeof options === 'object' && options !== null) {
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      const given = Reflect.getOwnPropertyDescriptor(options, key);
      if (given === undefined || given.writable !== true) continue;
      const list = plainList(given.value);
      if (list !== given.value && Reflect.set(options, key, list)) lent[lent.length] = { key, view: given.value, list };
    }
  }
  try {
    return call();
  } finally {
    for (let i = 0; i < lent.length; i++) {
      const { key, view, list } = lent[i]!;
      if (Reflect.get(options as object, key) === list) Reflect.set(options as object, key, view);
      if (key === keys[0] && typeof holder === 'object' && holder !== null && Reflect.get(holder, kept) === list) Reflect.set(holder, kept, view);
    }
  }
}

/**
 * ChildProcess#spawn, which gives a child spawned with `serialization: 'advanced'` a send that
 * takes views, and is handed its `args` and `envPairs` as plain arrays: its binding takes what is
 * not an Array for none, and spawns without them.
 */
function spawnSendingImages(original: Fn): Fn {
  const replacement = function (this: unknown, ...args: unknown[]): unknown {
    let result: unknown;
    try {
      result = lendingPlainLists(args[0], ['args', 'envPairs'], this, 'spawnargs', () => Reflect.apply(original, this, args));
    } catch (error) {
      throw withoutOwnFrames(error, replacement);
    }
    const options = args[0];
    if (typeof options === 'object' && options !== null && Reflect.get(options, 'serialization') === 'advanced') sendingImages(this as object);
    return result;
  };
  return replacement;
}

/**
 * `options` with its own data property `key` a plain array where it is a view (else `options`
 * itself): an object inheriting the rest from `options`, which Node reads property by property.
 */
function withPlainList(options: unknown, key: string, plain: (list: unknown) => unknown = plainList): unknown {
  if (!anyViewMade() || typeof options !== 'object' || options === null) return options;
  const given = Reflect.getOwnPropertyDescriptor(options, key);
  // A getter's value is left as it is: reading it here would run it once more than Node does.
  if (given === undefined || !Object.hasOwn(given, 'value')) return options;
  const list = plain(given.value);
  return list === given.value ? options : Object.create(options, { [key]: { value: list, enumerable: true } });
}

/**
 * A class of Node's (`original`) constructed with the arguments `plain` gives: a function in the
 * class's place (its prototype, its statics through its own prototype, `new.target` passed on,
 * so that subclasses are built as the program declared them).
 */
function constructing(plain: (args: unknown[]) => void): (original: Fn) => Fn {
  return (original) => {
    const replacement = function (this: unknown, ...args: unknown[]): unknown {
      const target: unknown = new.target;
      if (target === undefined) {
        try {
          return Reflect.apply(original, this, args);
        } catch (error) {
          // The class's own TypeError, raised where the program called it.
          throw withoutOwnFrames(error instanceof Error ? raisedFor(error) : error, replacement);
        }
      }
      plain(args);
      try {
        return Reflect.construct(original, args, target === replacement ? original : (target as Fn)) as unknown;
      } catch (error) {
        throw withoutOwnFrames(error, replacement);
      }
    };
    Reflect.setPrototypeOf(replacement, original);
    Reflect.defineProperty(replacement, 'prototype', { value: original.prototype, writable: false, enumerable: false, configurable: false });
    Reflect.defineProperty(original.prototype as object, 'constructor', { value: replacement, writable: true, enumerable: false, configurable: true });
    return replacement;
  };
}

/** The class `holder[key]` in place (see constructing); returns what puts it back. */
function replaceClass(holder: object, key: string, plain: (args: unknown[]) => void): (() => void) | undefined {
  const original = Reflect.get(holder, key) as unknown;
  if (typeof original !== 'function') return undefined;
  const restore = replace(holder, key, constructing(plain));
  if (restore === undefined) return undefined;
  return () => {
    restore();
    Reflect.defineProperty(original.prototype as object, 'constructor', { value: original, writable: true, enumerable: false, configurable: true });
  };
}

/**
 * Writes and reads of a list of buffers, handed a plain array. fs's writev and readv, FileHandle's
 * and Node 24's file writer all hand the program's array to the fs binding, which is patched where
 * it can be had unseen (node-internals.ts): Node exposes no FileHandle class to patch before a
 * file is opened. Else fs's own functions are, and a FileHandle's still abort Node on a view.
 */
function vectoredIO(): ((() => void) | undefined)[] {
  const binding = quietBinding('fs');
  if (binding !== undefined) return [replace(binding, 'writeBuffers', handing(plainListsAt(1))), replace(binding, 'readBuffers', handing(plainListsAt(1)))];
  return [
    replace(fs, 'writevSync', handing(plainListsAt(1))),
    replace(fs, 'readvSync', handing(plainListsAt(1))),
    replace(fs, 'writev', handing(plainListsAt(1))),
    replace(fs, 'readv', handing(plainListsAt(1))),
  ];
}

/**
 * trace_events.createTracing, handed its categories as a plain array. The module is loaded for it
 * (0.5–2 ms); it cannot load in a worker, nor in a Node built without tracing.
 */
function inTraceEvents(): (() => void) | undefined {
  let traceEvents: object;
  try {
    traceEvents = process.getBuiltinModule('node:trace_events');
  } catch {
    return undefined;
  }
  return replace(traceEvents, 'createTracing', handing((args) => {
    if (args.length > 0) args[0] = withPlainList(args[0], 'categories');
  }));
}

/** Patches the built-ins above in this process; returns what puts them back. */
export function patchNativeTakers(): () => void {
  const restores: ((() => void) | undefined)[] = [
    replace(v8.Serializer.prototype, 'writeValue', writeValueOfImages),
    ...vectoredIO(),
    replace(vm, 'compileFunction', handing(compileFunctionLists)),
    replace(process, 'setgroups', handing(plainListsAt(0))),
    // Node 22.15 and 23.11 on.
    replace(process, 'execve', handing(plainListsAt(1))),
    replace(Error, 'captureStackTrace', captureStackTraceOnViews),
    replace(ChildProcess.prototype, 'spawn', spawnSendingImages),
    // The Worker binding takes an `execArgv` that is not an Array for none: the process's own.
    replaceClass(workerThreads, 'Worker', (args) => {
      if (args.length > 1) args[1] = withPlainList(args[1], 'execArgv');
    }),
    // Present under --experimental-vm-modules; its binding asserts that the export names are an Array.
    replaceClass(vm, 'SyntheticModule', plainListsAt(0)),
    // Its binding asserts that the categories are an Array.
    inTraceEvents(),
    sendingImagesToParent(),
  ];
  // ES modules that import these by name see the modules' properties as they were when last synced.
  syncBuiltinESMExports();
  return () => {
    for (const restore of restores) restore?.();
    syncBuiltinESMExports();
  };
}
