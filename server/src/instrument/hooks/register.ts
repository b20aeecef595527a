/**
 * The run's preload, bundled as preload-runtime.cjs (server/scripts/bundle-preload.mjs), which
 * preload-gate.ts loads before the user's program in every Node process (and worker thread) of a
 * run that is the program's own (run/node-options.ts says why `--require`). It makes the runtime,
 * connects it to the spool, and, once the program's own preloads have run (after-program-preloads.ts),
 * installs the module hooks that instrument the program's sources as they load.
 */
import Module, { register } from 'node:module';
import { isMainThread, MessageChannel, MessagePort, threadId } from 'node:worker_threads';
import { createRuntime, patchCloneGlobals, patchFunctionToString, standsFor } from '../../runtime/index.js';
import { withoutOwnFrames } from '../../runtime/own-frames.js';
import { RUNTIME_KEY } from '../module-bindings.js';
import { installJestHook } from '../jest/jest-runtime-hook.js';
import { monitorCrashes } from './crash-monitor.js';
import type { EsmHooksData } from './esm-hooks.js';
import { isWorkersLastMessage } from './last-message.js';
import { runsTsNodeBin } from './later-typescript-loader.js';
import { installRequireHook } from './require-hook.js';
import { keepPreloadInChildren } from './child-preload.js';
import { reportBypassedFiles } from './bypassed-files.js';
import { reportCoverageTools } from './coverage-tools.js';
import { createInstrumentFilter } from '../instrument-filter.js';
import { afterProgramPreloads } from './after-program-preloads.js';
import { atProcessExit } from './at-process-exit.js';
import { keepBabelRegisterCacheInRun } from './babel-register-cache.js';
import { NODE_MAJOR } from './node-major.js';
import { startOwnThread } from './own-thread-start.js';
import { readRunConfig } from './run-config.js';
import { shareSourceMapsState } from './source-maps-state.js';
import { SpoolWriter } from './spool-writer.js';

const TYPESCRIPT_EXTENSIONS = ['.ts', '.tsx', '.cts'];

const config = readRunConfig(process.env);
const slot = Symbol.for(RUNTIME_KEY);
if (config && !(slot in globalThis)) {
  const writer = new SpoolWriter(config.spool);
  const evaluates = isMainThread && process.execArgv.some(evaluatesCode);
  writer.write({ type: 'start', pid: process.pid, thread: threadId, argv: process.argv, time: Date.now(), ...(evaluates ? { evaluates } : {}) });
  const runtime = createRuntime(config.mode);
  keepBabelRegisterCacheInRun(config.spool);
  Object.defineProperty(globalThis, slot, { value: runtime, enumerable: false });
  // Instrumented functions give their source as written (function-source.ts), in both modes.
  patchFunctionToString();
  if (config.mode === 'cow') patchCloneGlobals();
  // Figures go out every 100 ms and at 'exit'. A signal ends the process without 'exit', and
  // nothing here listens for signals: a listener would replace Node's default of dying at once
  // (and could not run during synchronous code anyway), so a killed process loses what it copied
  // since its last flush, and the report says so.
  runtime.connect(writer.sink, 100);
  let wanted: ((file: string) => boolean) | undefined;
  const uninstrumented = (reason: string, files: readonly string[]): void => {
    writer.uninstrumented(reason, files);
  };
  keepPreloadInChildren((file) => (wanted ??= createInstrumentFilter(config))(file), uninstrumented);
  atProcessExit(() => {
    runtime.flush(true);
  });
  const flush = (final: boolean): void => {
    runtime.flush(final);
  };
  if (!isMainThread) flushBeforeMessages(flush);
  if (!isMainThread || evaluates) tellFirstSites(runtime, writer);
  // A child process with an IPC channel is likewise often killed (SIGTERM) by its parent once it
  // has said it is done: vitest's forks pool stops its workers so.
  if (process.send !== undefined) flushBeforeSending(flush);
  // The module hooks run on a thread of their own: they name the modules they instrument through
  // a port that the crash monitor reads only if a module fails to compile.
  const { port1, port2 } = new MessageChannel();
  const monitor = monitorCrashes(config, writer, port1);
  installJestHook(config, writer.warn, (reason) => {
    writer.uninstrumented(reason);
  });
  reportCoverageTools((tools) => {
    writer.warn(`${tools.join(' and ')} measured coverage in this run: coverage measured under cowlens measures cowlens's instrumented code, not your files as written, and may differ from a plain run's; measure coverage in a run of its own`);
  });
  afterProgramPreloads(() => {
    // The extensions a loader of the program's registered, before cowlens's own require hook adds them.
    // Node 24 requires a `.ts` entry handed back to it as CommonJS as an ES module (its own syntax
    // detection), which the ESM loader is loading already, and fails: there cowlens keeps them.
    // ts-node's bin registers its hook later, before it requires the program's entry (later-typescript-loader.ts).
    const requireCompiles =
      NODE_MAJOR >= 24 ? [] : runsTsNodeBin(process.argv[1]) ? TYPESCRIPT_EXTENSIONS : TYPESCRIPT_EXTENSIONS.filter((ext) => ext in (Module as unknown as { _extensions: object })._extensions);
    const seen = new Set<string>();
    reportBypassedFiles(createInstrumentFilter(config), seen, ({ early, bypassed }) => {
      if (early.length > 0) writer.uninstrumented("they were loaded by a preload of the program's (`node -r`), before cowlens's hooks were in place", early);
      if (bypassed.length > 0) writer.uninstrumented("a loader of the program compiled them itself, past cowlens's require hook (esm's `-r esm`, or a hook that runs code through `vm`)", bypassed);
    });
    installRequireHook(config, { warn: writer.warn, instrumented: monitor.instrumented, uninstrumented, modulesInstrumented: monitor.modulesInstrumented }, seen);
    const sourceMaps = shareSourceMapsState();
    const data: EsmHooksData = { ...config, instrumented: port2, sourceMaps, requireCompiles };
    const transferList = sourceMaps.requests === undefined ? [port2] : [port2, sourceMaps.requests];
    startOwnThread(() => {
      register('./esm-hooks.js', { parentURL: import.meta.url, data, transferList });
    });
  });
}

/** `-e`, `-p`, `-pe`, `--eval`, `--print`: the flags that give a process its code on the command line. */
function evaluatesCode(flag: string): boolean {
  return /^-[a-z]*[ep]$|^--(?:eval|print)(?:=|$)/.test(flag);
}

/**
 * A worker thread is often terminated by its parent as soon as it posts its result, with no exit
 * event to flush on: its figures go out before each message it posts instead (a flush with
 * nothing new writes nothing), as its last when the message says the worker is done.
 */
function flushBeforeMessages(flush: (final: boolean) => void): void {
  const proto = MessagePort.prototype as { postMessage: (this: MessagePort, ...args: unknown[]) => void };
  const original = proto.postMessage;
  proto.postMessage = standsFor(function postMessage(this: MessagePort, ...args: unknown[]) {
    flush(isWorkersLastMessage(args[0]));
    original.apply(this, args);
  }, original);
}

/** As `flushBeforeMessages`, for the messages a child process sends its parent over IPC. */
function flushBeforeSending(flush: (final: boolean) => void): void {
  const channel = process as { send: (this: NodeJS.Process, ...args: unknown[]) => boolean };
  const original = channel.send;
  channel.send = standsFor(function send(this: NodeJS.Process, ...args: unknown[]) {
    flush(isWorkersLastMessage(args[0]));
    try {
      return original.apply(this, args);
    } catch (error) {
      // Node's own error (a channel already closed): the program's, as it would be without cowlens.
      throw withoutOwnFrames(error, send);
    }
  }, original);
}

/**
 * A worker thread (or a process running code from its command line) says when its first
 * instrumented module asks for its sites: until then it has no figures, and its parent may end it
 * (as Node does the threads of loaders, and foreground-child its watchdog process) without loss.
 */
function tellFirstSites(runtime: { sites: (...args: never[]) => unknown }, writer: SpoolWriter): void {
  const sites = runtime.sites;
  runtime.sites = (...args) => {
    runtime.sites = sites;
    writer.write({ type: 'instrumented-code' });
    return sites(...args);
  };
}
