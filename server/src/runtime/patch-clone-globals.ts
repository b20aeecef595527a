import { BroadcastChannel, MessagePort, Worker } from 'node:worker_threads';
import { standsFor } from './function-source.js';
import { hideViewsFromTypeChecks } from './cow/hidden-proxies.js';
import { viewKindOf } from './cow/node-view.js';
import { patchInspectGlobals } from './patch-inspect-globals.js';
import { patchNativeTakers, plainList } from './cow/patch-native-takers.js';
import { cloneNatively } from './unwrap.js';
import { Object, Reflect } from './captured-namespaces.js';

type PostMessage = (this: unknown, message: unknown, ...rest: unknown[]) => unknown;

/**
 * Makes the platform's structured-clone entry points accept views, for code that was not
 * instrumented: `structuredClone` and `postMessage` throw DataCloneError on any Proxy, so they are
 * handed a value with a plain copy where a view would be met (unwrap.ts). The printing entry points that would show a view as a
 * Proxy are patched alike (patch-inspect-globals.ts), and so are Node's type checks
 * (cow/hidden-proxies.ts), and so are the other built-ins that refuse a Proxy (cow/patch-native-takers.ts).
 * Returns a function that restores the originals.
 */
export function patchCloneGlobals(): () => void {
  const originalClone = globalThis.structuredClone;
  type CloneOptions = Parameters<typeof originalClone>[1];
  const restores: (() => void)[] = [patchInspectGlobals(), hideViewsFromTypeChecks(viewKindOf), patchNativeTakers()];
  // Called with what it was called with: no argument is an error of the built-in's own.
  globalThis.structuredClone = standIn(function structuredClone(...args: unknown[]): unknown {
    return args.length === 0 ? Reflect.apply(originalClone as (...a: unknown[]) => unknown, undefined, []) : cloneNatively(args[0], (cloneable) => originalClone(cloneable, ...(args.slice(1) as [CloneOptions?])));
  }, originalClone) as typeof structuredClone;
  Object.defineProperty(globalThis.structuredClone, PATCHED_CLONE, { value: true });
  restores.push(() => {
    globalThis.structuredClone = originalClone;
  });
  for (const proto of [MessagePort.prototype, Worker.prototype, BroadcastChannel.prototype] as { postMessage: PostMessage }[]) {
    const original = proto.postMessage;
    // What the built-in returns is returned: BroadcastChannel tells a posted message by it.
    proto.postMessage = standIn(function postMessage(this: unknown, ...args: unknown[]): unknown {
      if (args.length === 0) return Reflect.apply(original, this, []);
      const rest = args.slice(1);
      // A transfer list that is a view would be read as options, transferring nothing.
      if (rest.length > 0) rest[0] = plainList(rest[0]);
      return cloneNatively(args[0], (cloneable) => Reflect.apply(original, this, [cloneable, ...rest]));
    }, original);
    restores.push(() => {
      proto.postMessage = original;
    });
  }
  return () => {
    for (const restore of restores) restore();
  };
}

/**
 * Marks a `structuredClone` cowlens put on a global object, here or in a jest test file's context
 * (instrument/jest/context-runtime.ts), whose runtime is another evaluation of this module.
 */
export const PATCHED_CLONE = Symbol.for('cowlens.patchedClone');

export function isPatchedClone(fn: unknown): boolean {
  return typeof fn === 'function' && (fn as { [PATCHED_CLONE]?: unknown })[PATCHED_CLONE] === true;
}

/** `replacement`, with the `length`, the `name` and the source (toString) of the function it stands for. */
export function standIn<F extends (...args: never[]) => unknown>(replacement: F, original: (...args: never[]) => unknown): F {
  Object.defineProperty(replacement, 'length', { value: original.length, configurable: true });
  // A bundler may have renamed the replacement's own.
  Object.defineProperty(replacement, 'name', { value: original.name, configurable: true });
  return standsFor(replacement, original);
}
