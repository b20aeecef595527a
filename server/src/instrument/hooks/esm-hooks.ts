/**
 * cowlens's module customization hooks, registered with `module.register` (register.ts) and run by
 * Node on its hooks thread. The program waits while that thread starts and loads this module, so
 * it loads nothing more: what the hooks do (esm-hook-handlers.ts) loads at the first module they
 * are asked for, which a CommonJS program that imports nothing never has.
 */
import type { InitializeHook, LoadHook, ResolveHook } from 'node:module';
import type { MessagePort } from 'node:worker_threads';
import type { RunConfig } from './run-config.js';
import type { SourceMapsLink } from './source-maps-state.js';

/**
 * What register.ts hands the hooks: the run's configuration, where to tell which modules were
 * instrumented, and whether the importing thread has source maps on.
 */
export interface EsmHooksData extends RunConfig {
  /** Gets the path of each module instrumented, for the crash monitor of the thread that loads it (crash-monitor.ts). */
  readonly instrumented: MessagePort;
  readonly sourceMaps: SourceMapsLink;
  /**
   * The TypeScript extensions a require hook of the program's own compiles (ts-node's, loaded with
   * `-r` before cowlens): such a file, unless it must be an ES module, is the program's CommonJS.
   */
  readonly requireCompiles: readonly string[];
}

type Handlers = typeof import('./esm-hook-handlers.js');

/**
 * cowlens's own compiled code. The hooks see the modules the hooks thread imports too: while the
 * handlers load, their imports (cowlens's modules, and the packages those ask for) must not wait
 * for the handlers. Once they are loaded, the handlers see every module, as they always did.
 */
const OWN_CODE = new URL('../../', import.meta.url).href;
const startingImports = new Set<string>();
let given: EsmHooksData | undefined;
let handlers: Promise<Handlers> | undefined;
let ready = false;

function loaded(): Promise<Handlers> {
  handlers ??= import('./esm-hook-handlers.js').then((loadedHandlers) => {
    if (given !== undefined) loadedHandlers.initialize(given);
    ready = true;
    startingImports.clear();
    return loadedHandlers;
  });
  return handlers;
}

export const initialize: InitializeHook<EsmHooksData> = (data) => {
  given = data;
};

export const resolve: ResolveHook = async (specifier, context, nextResolve) => {
  if (ready || context.parentURL?.startsWith(OWN_CODE) !== true) return (await loaded()).resolve(specifier, context, nextResolve);
  const resolved = await nextResolve(specifier, context);
  startingImports.add(resolved.url);
  return resolved;
};

export const load: LoadHook = async (url, context, nextLoad) =>
  !ready && startingImports.has(url) ? nextLoad(url, context) : (await loaded()).load(url, context, nextLoad);
