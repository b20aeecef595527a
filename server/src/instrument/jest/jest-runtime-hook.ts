/**
 * jest runs each test file with a Runtime of its own (jest-runtime): a module registry over a vm
 * context, fed by jest's ScriptTransformer. The one place that holds both for each test file is
 * that Runtime's constructor: when jest-runner loads `jest-runtime`, its class is replaced by a
 * subclass that gives the test file's context a runtime of its own (context-runtime.ts), has the
 * transformer instrument the project's files (instrumenting-transformer.ts), and sends the
 * context's last figures when jest tears the test file's runtime down. cowlens's require hook
 * appends a call to jest-runtime's entry module that hands its exports over: wrapping
 * `Module._load` instead would put a frame of cowlens's into every stack of every program.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import vm from 'node:vm';
import { createInstrumentFilter } from '../instrument-filter.js';
import { RUNTIME_KEY } from '../module-bindings.js';
import { transformCacheOf } from '../hooks/cached-transform.js';
import type { RunConfig } from '../hooks/run-config.js';
import { SpoolWriter } from '../hooks/spool-writer.js';
import { type ContextRuntime, createContextRuntime } from './context-runtime.js';
import { instrumentTransformer, type ScriptTransformer } from './instrumenting-transformer.js';

/** What cowlens relies on of jest-runtime's Runtime (29 and 30) and its constructor's arguments. */
type RuntimeClass = new (
  config: unknown,
  environment: TestEnvironment,
  resolver: unknown,
  transformer: ScriptTransformer,
  cacheFS: Map<string, string>,
  ...rest: unknown[]
) => { teardown(): void };

interface TestEnvironment {
  getVmContext(): vm.Context | null;
}

/** The jest-runtime majors whose Runtime is subclassed: their constructors and transformers agree. */
const SUPPORTED_MAJORS = ['29', '30'];
const SUPPORTED = 'jest 29 and 30';

/** The global slot of the function that jest-runtime's entry module hands its module to. */
const JEST_RUNTIME_KEY = 'cowlens.jestRuntime';

/** jest-runtime's entry module (its `main`, in 24 to 30), installed flat or by pnpm. */
const JEST_RUNTIME_ENTRY = /[\\/]node_modules[\\/]jest-runtime[\\/]build[\\/]index\.js$/;

export function isJestRuntimeEntry(file: string): boolean {
  return JEST_RUNTIME_ENTRY.test(file);
}

/** jest-runtime's entry module with a last statement, on a line of its own, that hands its module to cowlens. */
export function withJestRuntimeHandOver(code: string): string {
  return `${code}\n;globalThis[Symbol.for(${JSON.stringify(JEST_RUNTIME_KEY)})]?.(module);`;
}

/** `uninstrumented` hears that this process runs test files cowlens cannot instrument, and why. */
export function installJestHook(config: RunConfig, warn: (message: string, file?: string) => void, uninstrumented: (reason: string) => void): void {
  const handOver = (module: { filename: string; exports: unknown }): void => {
    const exports = module.exports;
    // jest-runtime 29 and 30 export an object; 24 and older export the Runtime class itself.
    if ((typeof exports !== 'object' && typeof exports !== 'function') || exports === null) return;
    const version = versionOf(module.filename);
    const runtime = exports as { default?: unknown };
    if (SUPPORTED_MAJORS.includes(version?.split('.')[0] ?? '') && typeof runtime.default === 'function') {
      runtime.default = withCowlens(runtime.default as RuntimeClass, config, warn);
    } else {
      uninstrumented(`jest-runtime ${version ?? '(unknown version)'} is not supported (cowlens instruments the test files of ${SUPPORTED}): its test files run uninstrumented`);
    }
  };
  Object.defineProperty(globalThis, Symbol.for(JEST_RUNTIME_KEY), { value: handOver, enumerable: false });
}

function withCowlens(Runtime: RuntimeClass, config: RunConfig, warn: (message: string, file?: string) => void): RuntimeClass {
  const wanted = createInstrumentFilter(config);
  const mapsDir = join(config.spool, 'maps');
  const cache = transformCacheOf(config);
  const contexts = new WeakMap<object, ContextRuntime>();
  let streams = 0;
  return class CowlensRuntime extends Runtime {
    constructor(runtimeConfig: unknown, environment: TestEnvironment, resolver: unknown, transformer: ScriptTransformer, cacheFS: Map<string, string>, ...rest: unknown[]) {
      super(runtimeConfig, environment, resolver, transformer, cacheFS, ...rest);
      instrumentTransformer(transformer, cacheFS, wanted, warn, mapsDir, cache);
      const context = environment.getVmContext();
      if (context === null) return;
      // Each test file's runtime numbers its sites itself: a stream of its own.
      const contextRuntime = createContextRuntime(context, config.mode, new SpoolWriter(config.spool, ++streams).sink);
      Object.defineProperty(contextGlobal(context), Symbol.for(RUNTIME_KEY), { value: contextRuntime.runtime, enumerable: false });
      contexts.set(this, contextRuntime);
    }

    override teardown(): void {
      super.teardown();
      contexts.get(this)?.close();
    }
  };
}

function contextGlobal(context: vm.Context): object {
  return vm.runInContext('globalThis', context) as object;
}

/** The version in the package.json of the package that holds `file`. */
function versionOf(file: string): string | undefined {
  for (let dir = dirname(file); dirname(dir) !== dir; dir = dirname(dir)) {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: unknown; version?: unknown };
      if (manifest.name === 'jest-runtime') return typeof manifest.version === 'string' ? manifest.version : undefined;
    } catch {
      // no package.json at this level: look further up
    }
  }
  return undefined;
}
