import { readFileSync } from 'node:fs';
import Module from 'node:module';
import { addHook } from 'pirates';
import { createInstrumentFilter } from '../instrument-filter.js';
import { isJestRuntimeEntry, withJestRuntimeHandOver } from '../jest/jest-runtime-hook.js';
import { needsTranspile } from '../../analysis/source-language.js';
import type { ModuleFormat } from '../to-javascript.js';
import { importedModules } from '../imported-modules.js';
import type { TransformCache } from '../transform-cache.js';
import { cachedModule, cachedModuleSyntaxSync, cachedSource, cachedStaticSpecifiers, transformCacheOf } from './cached-transform.js';
import { resolveTypeScriptFromRequire } from './cjs-resolve.js';
import { declaredFormat } from './declared-format.js';
import { codeForNode, runsCompiled } from './module-source-map.js';
import { NODE_MAJOR } from './node-major.js';
import type { RunConfig } from './run-config.js';
import { watchLaterTypeScriptLoader } from './later-typescript-loader.js';
import { debuggerAttached } from './source-maps-state.js';
import { syncTransform } from './sync-transform.js';

const EXTENSIONS = ['.js', '.cjs', '.ts', '.cts', '.tsx', '.jsx'];
/** Files that `require` loads as ES modules when their declaration says so (declared-format.ts). */
const ES_MODULE_EXTENSIONS = ['.js', '.mjs'];
/**
 * Node 20 loads the modules that an ES module loaded by `require` imports with no module hook at
 * all; Node 22 and later through the module hooks.
 */
const IMPORTS_PAST_HOOKS = NODE_MAJOR < 22;

export interface RequireHookListeners {
  readonly warn: (message: string, file: string) => void;
  /** A file runs instrumented, as CommonJS or as an ES module. */
  readonly instrumented: (file: string, format: ModuleFormat) => void;
  /** Project files run uninstrumented, for `reason`. */
  readonly uninstrumented: (reason: string, files: readonly string[]) => void;
  /** The ES modules the module hooks have instrumented so far. */
  readonly modulesInstrumented: () => readonly string[];
}

/**
 * CommonJS files reach the runtime through `require`, which the ESM hooks do not see; so do the
 * ES modules that `require` loads (require(esm): Node 20.19+, 22.12+).
 * jest-runtime's entry module gets its hand-over to cowlens's jest hook (jest-runtime-hook.ts).
 * `seen` gets every file the hook is given.
 */
export function installRequireHook(config: RunConfig, listeners: RequireHookListeners, seen: Set<string>): void {
  const { warn, instrumented } = listeners;
  const wanted = createInstrumentFilter(config);
  const cache = transformCacheOf(config);
  const forNode = (code: string, file: string, format: ModuleFormat, instrument: boolean): string => {
    const result = cachedModule(cache, file, code, format, instrument, () => syncTransform()({ target: 'javascript', format, file, text: code, instrument }));
    // Compiled code runs with its map (module-source-map.ts), which Node reads only if source
    // maps are on when it compiles the module, right after this hook.
    if (runsCompiled(file, result)) process.setSourceMapsEnabled(true);
    if (result.skipped !== undefined) warn(result.skipped, file);
    else if (instrument) instrumented(file, format);
    // The inspector is asked whether a debugger is attached only for a module whose map that decides.
    return codeForNode(file, code, result, {
      node: process.sourceMapsEnabled,
      get debugger() {
        return debuggerAttached();
      },
    });
  };
  const registered = Object.keys(registeredExtensions());
  addHook(
    (given, file) => {
      if (isJestRuntimeEntry(file)) return withJestRuntimeHandOver(given);
      seen.add(file);
      const instrument = wanted(file);
      if (loadsAsEsModule(file)) return requiredEsModule(given, file);
      const transpiles = needsTranspile(file);
      if (transpiles) resolveTypeScriptFromRequire();
      if (transpiles && compiledAfter(file)) return instrument ? instrumentedTypeScript(given, file) : given;
      return forNode(transpiles ? asWritten(given, file) : given, file, 'commonjs', instrument);
    },
    {
      exts: [...EXTENSIONS, '.mjs'],
      matcher: (file) => (loadsAsEsModule(file) ? wanted(file) && loadingModule(file) !== undefined : wanted(file) || needsTranspile(file) || isJestRuntimeEntry(file)),
      ignoreNodeModules: false,
    },
  );
  // `require.extensions` lists what it lists plainly: a library reads it to tell whether a loader
  // is registered for TypeScript (rechoir, interpret), and registers one when none is. Node loads a
  // file of an extension with no loader of its own (`.mjs`, `.cjs`, `.ts`…) with its `.js` loader,
  // pirates's, which sees it since the extension is among pirates's: the loaders pirates
  // registers for the others go.
  for (const ext of [...EXTENSIONS, '.mjs']) if (!registered.includes(ext)) Reflect.deleteProperty(registeredExtensions(), ext);
  const compiledAfter = watchLaterTypeScriptLoader(EXTENSIONS);

  /**
   * For ts-node's bin, whose hook compiles and type-checks what cowlens's returns: the TypeScript
   * as written (`given`), instrumented, still TypeScript. Its stack frames' columns are those of
   * the instrumented text (README, Limits).
   */
  function instrumentedTypeScript(given: string, file: string): string {
    const result = cachedSource(cache, file, given, () => syncTransform()({ target: 'source', file, text: given }));
    if ('skipped' in result) {
      warn(result.skipped, file);
      return given;
    }
    instrumented(file, 'commonjs');
    return result.code;
  }

  /**
   * An ES module that `require` loads (require(esm), Node 20.19+ and 22.12+), which Node's
   * CommonJS loader compiles with its format, `'module'`: pirates hands the hook's code on without
   * it, and Node would compile a module with no import or export as CommonJS. The module's
   * `_compile` is bound to the code and the format instead: a bound function leaves no frame in a
   * stack, where a wrapper would leave one in every stack through it.
   */
  function requiredEsModule(given: string, file: string): string {
    const module = loadingModule(file)!;
    const code = forNode(given, file, 'module', true);
    module._compile = module._compile.bind(module, code, file, 'module');
    if (IMPORTS_PAST_HOOKS) reportImportsPastHooks(file, code, wanted, listeners, cache);
    return code;
  }
}

interface LoadingModule {
  _compile: (content: string, file: string, format?: string) => unknown;
}

/** The module Node is loading `file` into: it caches it before it loads it. */
function loadingModule(file: string): LoadingModule | undefined {
  return (Module as unknown as { _cache: Record<string, LoadingModule | undefined> })._cache[file];
}

function registeredExtensions(): Record<string, unknown> {
  return (Module as unknown as { _extensions: Record<string, unknown> })._extensions;
}

/**
 * The TypeScript module as written. A loader that compiles TypeScript itself in a require hook
 * registered before cowlens's (tsx's, loaded by a `--require` of the program's, which runs before
 * cowlens installs its hook: after-program-preloads.ts) hands over its own JavaScript: instrumenting that would place every site in code the
 * user never wrote. cowlens strips the types itself instead, as its module hooks do for the ES
 * modules of tsx.
 */
function asWritten(given: string, file: string): string {
  try {
    const text = readFileSync(file, 'utf8');
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    return given;
  }
}

/** A file that `require` loads as an ES module by its declaration. */
function loadsAsEsModule(file: string): boolean {
  return ES_MODULE_EXTENSIONS.some((ext) => file.endsWith(ext)) && declaredFormat(file) === 'module';
}

/**
 * Node 20 loads the modules an ES module loaded by `require` imports past every hook: those of the
 * project run uninstrumented, unless the module hooks instrumented them already (an earlier
 * `import` left them in Node's cache).
 */
function reportImportsPastHooks(file: string, code: string, wanted: (file: string) => boolean, listeners: RequireHookListeners, cache: TransformCache | undefined): void {
  if (!/\b(?:import|export)\b/.test(code)) return;
  const instrumentedAlready = new Set(listeners.modulesInstrumented());
  const imported = importedModules(file, code, {
    specifiers: (module, text) => cachedStaticSpecifiers(cache, module, text, () => syncTransform()({ target: 'static-specifiers', file: module, text })),
    hasModuleSyntax: (module, text) => cachedModuleSyntaxSync(cache, module, text, () => syncTransform()({ target: 'module-syntax', file: module, text })),
  });
  const files = imported.filter((path) => wanted(path) && !instrumentedAlready.has(path));
  if (files.length > 0) listeners.uninstrumented(`Node ${process.version} loads the ES modules that an ES module loaded by require() imports past every module hook; run on Node 22.12 or later to instrument them`, files);
}
