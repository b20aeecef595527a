/**
 * cowlens's vite plugin, which vite-for-vitest.ts puts first into every vite server vitest creates.
 * It instruments the project's modules as vite loads them for the test workers, before any other
 * transform (types are still there: vite strips them next and chains the source maps), so the
 * sites' lines and columns are those of the files as written. The workers' runtime comes from the
 * `--require` preload, which they inherit like every Node process of the run.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { createInstrumentFilter } from '../instrument-filter.js';
import type { EncodedSourceMap } from '../source-edits.js';
import { readRunConfig } from './run-config.js';
import { SpoolWriter } from './spool-writer.js';
import { noteToolConfigFiles } from './tool-config-files.js';

/** What cowlens relies on of a vite plugin and of vitest's `configureVitest` hook, whatever their versions' types say. */
interface CowlensVitePlugin {
  readonly name: string;
  readonly enforce: 'pre';
  transform(code: string, id: string): Promise<{ code: string; map: EncodedSourceMap } | null>;
  configResolved(config: ResolvedConfig): void;
  configureVitest(context: ConfigureVitestContext): void;
}

/** vite's resolved config, as far as the plugin needs it: the config file vite loaded and the files bundled into it. */
interface ResolvedConfig {
  readonly configFile?: unknown;
  readonly configFileDependencies?: unknown;
}

type CacheKeyGenerator = (context: { readonly id: string }) => false | undefined;

interface ConfigureVitestContext {
  readonly project: { readonly name?: unknown; readonly config: { readonly pool?: unknown } };
  /** vitest's file cache of transformed modules: cowlens keeps instrumented modules out of it (vitest 5's name). */
  readonly defineCacheKeyGenerator?: (generator: CacheKeyGenerator) => void;
  /** The same in vitest 4.1, which vitest 5 keeps with a deprecation warning in the run's output. */
  readonly experimental_defineCacheKeyGenerator?: (generator: CacheKeyGenerator) => void;
}

/** vite's inline config, as far as the plugin needs it. */
interface InlineConfig {
  readonly plugins?: unknown;
}

const PLUGIN_NAME = 'cowlens';

/**
 * The config vitest passes to vite's `createServer` or `resolveConfig`, with cowlens's plugin
 * first. A config that has it already (vitest 5 resolves a config, then creates its server) is
 * passed on as it is: vite and vitest know a resolved config by its identity.
 */
export function withCowlensPlugin<C extends InlineConfig>(config: C | undefined): C | InlineConfig | undefined {
  const run = readRunConfig(process.env);
  if (run === undefined) return config;
  const own = config?.plugins;
  const plugins: readonly unknown[] = own === undefined ? [] : Array.isArray(own) ? (own as unknown[]) : [own];
  if (plugins.some(isCowlensPlugin)) return config;
  return { ...config, plugins: [cowlensVitePlugin(run), ...plugins] };
}

function isCowlensPlugin(plugin: unknown): boolean {
  return typeof plugin === 'object' && plugin !== null && (plugin as { name?: unknown }).name === PLUGIN_NAME;
}

function cowlensVitePlugin(run: NonNullable<ReturnType<typeof readRunConfig>>): CowlensVitePlugin {
  const wanted = createInstrumentFilter(run);
  const { warn } = new SpoolWriter(run.spool);
  const wantedFile = (id: string): string | undefined => {
    // Virtual modules (`\0…`) and requests with a query (`?raw`, `?worker`, mocks) are not the file as written.
    if (id.includes('?') || id.startsWith('\0') || !isAbsolute(id)) return undefined;
    return wanted(id) ? id : undefined;
  };
  let active = true;
  return {
    name: PLUGIN_NAME,
    enforce: 'pre',
    async transform(code, id) {
      const file = active ? wantedFile(id) : undefined;
      if (file === undefined) return null;
      // Sites are placed by the text they are found in: only the file as written gives its own lines.
      if (code !== readFileSync(file, 'utf8')) {
        warn(`${file} reached cowlens already changed by another vite plugin's load hook; it runs uninstrumented`, file);
        return null;
      }
      const { tryInstrument } = await import('../transform-module.js');
      const attempt = tryInstrument(file, code);
      if ('skipped' in attempt) {
        warn(attempt.skipped, file);
        return null;
      }
      const { instrumented } = attempt;
      return instrumented.sites + instrumented.writes === 0 ? null : { code: instrumented.code, map: instrumented.map };
    },
    configResolved({ configFile, configFileDependencies }) {
      const dependencies = Array.isArray(configFileDependencies) ? (configFileDependencies as unknown[]) : [];
      noteToolConfigFiles([configFile, ...dependencies].filter((file): file is string => typeof file === 'string'));
    },
    configureVitest({ project, defineCacheKeyGenerator, experimental_defineCacheKeyGenerator }) {
      const pool = project.config.pool;
      if (typeof pool === 'string' && pool.startsWith('vm')) {
        // Those pools evaluate test files in vm contexts of their own, where the preloaded runtime is not.
        active = false;
        const name = typeof project.name === 'string' && project.name !== '' ? `project ${project.name}` : 'the project';
        warn(`vitest's ${pool} pool runs test files in vm contexts, which cowlens does not support: the test files of ${name} run uninstrumented (the forks and threads pools are supported)`);
        return;
      }
      // Instrumented modules depend on cowlens's options and version: never cache them.
      (defineCacheKeyGenerator ?? experimental_defineCacheKeyGenerator)?.(({ id }) => (wantedFile(id) === undefined ? undefined : false));
    },
  };
}
