import { BroadcastChannel, MessagePort, Worker } from 'node:worker_threads';
import { toCloneable } from './unwrap.js';

type PostMessage = (this: unknown, message: unknown, ...rest: unknown[]) => void;

/**
 * Makes the platform's structured-clone entry points accept views, for code that was not
 * instrumented: `structuredClone` and `postMessage` throw DataCloneError on any Proxy, so a view
 * is replaced by its plain value first. Returns a function that restores the originals.
 */
export function patchCloneGlobals(): () => void {
  const originalClone = globalThis.structuredClone;
  type CloneOptions = Parameters<typeof originalClone>[1];
  const restores: (() => void)[] = [];
  globalThis.structuredClone = function structuredClone(value: unknown, options?: CloneOptions) {
    return originalClone(toCloneable(value), options);
  } as typeof structuredClone;
  restores.push(() => {
    globalThis.structuredClone = originalClone;
  });
  for (const proto of [MessagePort.prototype, Worker.prototype, BroadcastChannel.prototype] as { postMessage: PostMessage }[]) {
    const original = proto.postMessage;
    proto.postMessage = function postMessage(this: unknown, message: unknown, ...rest: unknown[]) {
      original.call(this, toCloneable(message), ...rest);
    };
    restores.push(() => {
      proto.postMessage = original;
    });
  }
  return () => {
    for (const restore of restores) restore();
  };
}
