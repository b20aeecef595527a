/**
 * What cowlens's module customization hooks (esm-hooks.ts) do, on Node's hooks thread: instrument
 * ES modules as they load, run TypeScript as it is, resolve `./x.js` to `./x.ts` the way
 * TypeScript projects write their imports, and hand vitest a vite with cowlens's plugin
 * (vite-for-vitest.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { LoadHook, ResolveHook } from 'node:module';
import type { MessagePort } from 'node:worker_threads';
import { createInstrumentFilter } from '../instrument-filter.js';
import { needsTranspile } from '../../analysis/source-language.js';
import type { ModuleFormat } from '../to-javascript.js';
import type { TransformCache } from '../transform-cache.js';
import { cachedModuleAsync, cachedModuleSyntax, transformCacheOf } from './cached-transform.js';
import { declaredFormat } from './declared-format.js';
import type { EsmHooksData } from './esm-hooks.js';
import { SourceMapsState } from './source-maps-state.js';
import { SpoolWriter } from './spool-writer.js';
import { classifyViteImport, wrapperSource, wrapperUrl } from './vite-for-vitest.js';

let wanted: (file: string) => boolean = () => false;
let writer: SpoolWriter | undefined;
let instrumented: MessagePort | undefined;
let sourceMaps: SourceMapsState | undefined;
let cache: TransformCache | undefined;
let requireCompiles: readonly string[] = [];

export function initialize(data: EsmHooksData): void {
  wanted = createInstrumentFilter(data);
  cache = transformCacheOf(data);
  writer = new SpoolWriter(data.spool);
  instrumented = data.instrumented;
  sourceMaps = new SourceMapsState(data.sourceMaps);
  requireCompiles = data.requireCompiles;
}

const TS_FOR_JS: Readonly<Record<string, readonly string[]>> = {
  '.js': ['.ts', '.tsx'],
  '.mjs': ['.mts'],
  '.cjs': ['.cts'],
  '': ['.ts', '.tsx', '/index.ts'],
};

export const resolve: ResolveHook = async (specifier, context, nextResolve) => {
  const vite = classifyViteImport(specifier, context.parentURL);
  if (vite.kind !== 'other') {
    const resolved = await nextResolve(specifier, context);
    if (vite.kind === 'wrap') return { ...resolved, url: wrapperUrl(resolved.url) };
    writer?.warn(vite.message);
    return resolved;
  }
  try {
    return await nextResolve(specifier, context);
  } catch (error) {
    const parent = context.parentURL;
    if (!(specifier.startsWith('./') || specifier.startsWith('../')) || parent === undefined || !parent.startsWith('file:')) throw error;
    const base = join(dirname(fileURLToPath(parent)), specifier);
    const ext = extname(base);
    const stem = ext in TS_FOR_JS ? base.slice(0, base.length - ext.length) : base;
    for (const candidate of TS_FOR_JS[ext in TS_FOR_JS ? ext : '']!) {
      const path = stem + candidate;
      if (existsSync(path)) return nextResolve(pathToFileURL(path).href, context);
    }
    throw error;
  }
};

export const load: LoadHook = async (url, context, nextLoad) => {
  const wrapper = wrapperSource(url);
  if (wrapper !== undefined) return { format: 'module', source: wrapper, shortCircuit: true };
  if (!url.startsWith('file:')) return nextLoad(url, context);
  const file = fileURLToPath(url);
  const instrument = wanted(file);
  if (!instrument && !needsTranspile(file)) return nextLoad(url, context);
  const declared = declaredFormat(file, context.format);
  // Without cowlens's `--import` Node would require it, through the program's own hook: so it goes.
  if (declared !== 'module' && requireCompiles.includes(extname(file).toLowerCase())) return { format: 'commonjs', shortCircuit: true };
  const text = readFileSync(file, 'utf8');
  const format = declared ?? (await detectFormat(file, text));
  // CommonJS goes through require(), where the require hook instruments it.
  if (format === 'commonjs') return { format, shortCircuit: true };
  // The transformer loads the TypeScript compiler: only a module that is in no cache pays for it.
  const result = await cachedModuleAsync(cache, file, text, format, instrument, async () => (await import('../transform-module.js')).transformModule(file, text, format, instrument));
  const { codeForNode, runsCompiled } = await import('./module-source-map.js');
  if (result.skipped !== undefined) writer?.warn(result.skipped, file);
  else if (instrument) instrumented?.postMessage(file);
  // Compiled code runs with its map (module-source-map.ts): the importing thread turns source maps
  // on before it compiles the module.
  if (runsCompiled(file, result)) {
    sourceMaps?.request();
    sourceMaps?.untilEnabled();
  }
  return { format, source: codeForNode(file, text, result, sourceMaps?.readers ?? { node: false, debugger: false }), shortCircuit: true };
};

async function detectFormat(file: string, text: string): Promise<ModuleFormat> {
  const isModule = await cachedModuleSyntax(cache, file, text, async () => (await import('../detect-module-syntax.js')).hasModuleSyntax(file, text));
  return isModule ? 'module' : 'commonjs';
}
