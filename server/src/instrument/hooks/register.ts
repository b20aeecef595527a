/**
 * The `--import` entry that `cowlens report` puts into NODE_OPTIONS: loaded before the user's
 * program in every Node process (and worker thread) it starts. It makes the runtime, connects it
 * to the spool, and installs the module hooks that instrument the program's sources as they load.
 */
import { register } from 'node:module';
import { isMainThread, MessagePort, threadId } from 'node:worker_threads';
import { createRuntime, patchCloneGlobals } from '../../runtime/index.js';
import { RUNTIME_KEY } from '../preamble.js';
import { installJestHook } from '../jest/jest-runtime-hook.js';
import { isWorkersLastMessage } from './last-message.js';
import { installRequireHook } from './require-hook.js';
import { readRunConfig } from './run-config.js';
import { SpoolWriter } from './spool-writer.js';
import { flushOnTermination } from './termination.js';

const config = readRunConfig(process.env);
const slot = Symbol.for(RUNTIME_KEY);
if (config && !(slot in globalThis)) {
  const writer = new SpoolWriter(config.spool);
  writer.write({ type: 'start', pid: process.pid, thread: threadId, argv: process.argv, time: Date.now() });
  const runtime = createRuntime(config.mode);
  Object.defineProperty(globalThis, slot, { value: runtime, enumerable: false });
  if (config.mode === 'cow') patchCloneGlobals();
  runtime.connect(writer.sink, 100);
  flushOnTermination(() => {
    runtime.flush(true);
  });
  if (!isMainThread) flushBeforeMessages((final) => {
    runtime.flush(final);
  });
  installRequireHook(config, writer.warn);
  installJestHook(config, writer.warn);
  register('./esm-hooks.js', { parentURL: import.meta.url, data: config });
}

/**
 * A worker thread is often terminated by its parent as soon as it posts its result, with no exit
 * event to flush on: its figures go out before each message it posts instead (a flush with
 * nothing new writes nothing), as its last when the message says the worker is done.
 */
function flushBeforeMessages(flush: (final: boolean) => void): void {
  const proto = MessagePort.prototype as { postMessage: (this: MessagePort, ...args: unknown[]) => void };
  const original = proto.postMessage;
  proto.postMessage = function postMessage(this: MessagePort, ...args: unknown[]) {
    flush(isWorkersLastMessage(args[0]));
    original.apply(this, args);
  };
}
