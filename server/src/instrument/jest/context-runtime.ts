/**
 * A cowlens runtime evaluated inside a vm context, for runners that run test files in contexts of
 * their own (jest). The runtime runs where the code it serves runs: the copies it makes are the
 * context's objects and arrays, and its checks (`instanceof Map`, `Object.prototype` as the
 * prototype of a plain object) compare with the context's intrinsics. A runtime of the main realm
 * would hand the test `[...xs]` arrays whose prototype is not the test's `Array.prototype`.
 * The runtime's CommonJS build (server/tsconfig.runtime-cjs.json) is evaluated module by module
 * in the context; Node built-ins come from the host.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import type { RunMode } from '../../runtime/api.js';
import type * as RuntimeModule from '../../runtime/index.js';
import type * as UnwrapModule from '../../runtime/unwrap.js';
import type { Sink } from '../../runtime/figures/sink.js';
import { PATCHED_CLONE } from '../../runtime/patch-clone-globals.js';
import { atProcessExit } from '../hooks/at-process-exit.js';

const RUNTIME_CJS = fileURLToPath(new URL('../../runtime-cjs/', import.meta.url));
const hostRequire = createRequire(import.meta.url);

export interface ContextRuntime {
  readonly runtime: RuntimeModule.RuntimeHandle;
  /** Sends the last figures and stops the flush timer: the context is done with. */
  close(): void;
}

/** A CommonJS module of the runtime, compiled in the context, with what it takes from the host. */
type ModuleFunction = (exports: object, require: (specifier: string) => unknown, module: { exports: object }, process: object, setInterval: unknown, clearInterval: unknown) => void;

const sources = new Map<string, string>();
const open = new Set<ContextRuntime>();
let closesAtExit = false;

export function createContextRuntime(context: vm.Context, mode: RunMode, sink: Sink): ContextRuntime {
  const timers = new Set<NodeJS.Timeout>();
  // What the runtime's flusher takes from its globals comes from the host, not the context: a
  // runner replaces the context's timers (jest's fake timers) and `process`. `close` sends the
  // last figures, or the host's exit for the contexts still open.
  const host = {
    process: { pid: process.pid },
    setInterval: (callback: () => void, ms: number): NodeJS.Timeout => {
      const timer = setInterval(callback, ms);
      timers.add(timer);
      return timer;
    },
    clearInterval: (timer: NodeJS.Timeout | undefined): void => {
      clearInterval(timer);
      if (timer !== undefined) timers.delete(timer);
    },
  };
  const modules = new Map<string, { exports: object }>();
  const load = (path: string): object => {
    const cached = modules.get(path);
    if (cached) return cached.exports;
    const module = { exports: {} };
    modules.set(path, module);
    let source = sources.get(path);
    if (source === undefined) sources.set(path, (source = readFileSync(path, 'utf8')));
    const run = vm.runInContext(`(function (exports, require, module, process, setInterval, clearInterval) {${source}\n})`, context, { filename: path }) as ModuleFunction;
    const require = (specifier: string): unknown => (specifier.startsWith('.') ? load(join(dirname(path), specifier)) : hostRequire(specifier));
    run(module.exports, require, module, host.process, host.setInterval, host.clearInterval);
    return module.exports;
  };
  const { createRuntime, patchFunctionToString, standsFor } = load(join(RUNTIME_CJS, 'index.js')) as typeof RuntimeModule;
  const runtime = createRuntime(mode);
  // Evaluated in the context, it patches the context's own Function.prototype.
  patchFunctionToString();
  if (mode === 'cow') patchContextClone(context, (load(join(RUNTIME_CJS, 'unwrap.js')) as typeof UnwrapModule).cloneNatively, standsFor);
  runtime.connect(sink, 100);
  const handle: ContextRuntime = {
    runtime,
    close() {
      if (!open.delete(handle)) return;
      runtime.flush(true);
      for (const timer of timers) clearInterval(timer);
      timers.clear();
    },
  };
  if (!closesAtExit) atProcessExit(closeAll);
  closesAtExit = true;
  open.add(handle);
  return handle;
}

function closeAll(): void {
  for (const handle of [...open]) handle.close();
}

/**
 * The context's `structuredClone` (the host's, which the runner copied in) throws on a view, as on
 * any Proxy: uninstrumented code of the context gets the view's plain value cloned instead.
 */
function patchContextClone(context: vm.Context, cloneNatively: typeof UnwrapModule.cloneNatively, standsFor: typeof RuntimeModule.standsFor): void {
  const global = vm.runInContext('globalThis', context) as { structuredClone?: (value: unknown, options?: unknown) => unknown };
  const clone = global.structuredClone;
  if (typeof clone !== 'function') return;
  global.structuredClone = standsFor(function structuredClone(...args: unknown[]): unknown {
    return args.length === 0 ? Reflect.apply(clone, undefined, []) : cloneNatively(args[0], (cloneable) => clone(cloneable, args[1]));
  }, clone);
  Object.defineProperty(global.structuredClone, 'length', { value: clone.length, configurable: true });
  // The context's runtime takes it for its own, not for a replacement the program made.
  Object.defineProperty(global.structuredClone, PATCHED_CLONE, { value: true });
}
