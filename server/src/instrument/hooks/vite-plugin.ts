/**
 * cowlens's vite plugin, which vite-for-vitest.ts puts first into every vite server vitest creates.
 * It instruments the project's modules as vite loads them for the test workers, before any other
 * transform (types are still there: vite strips them next and chains the source maps), so the
 * sites' lines and columns are those of the files as written. The workers' runtime comes from the
 * `--import` preload, which they inherit like every Node process of the run.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { createInstrumentFilter } from '../instrument-filter.js';
import type { EncodedSourceMap } from '../source-edits.js';
import { readRunConfig } from './run-config.js';
import { SpoolWriter } from './spool-writer.js';

/** What cowlens relies on of a vite plugin and of vitest's `configureVitest` hook, whatever their versions' types say. */
interface CowlensVitePlugin {
  readonly name: string;
  readonly enforce: 'pre';
  transform(code: string, id: string): Promise<{ code: string; map: EncodedSourceMap } | null>;
  configureVitest(context: ConfigureVitestContext): void;
}

interface ConfigureVitestContext {
  readonly project: { readonly name?: unknown; readonly config: { readonly pool?: unknown } };
  /** vitest 4.1's file cache of transformed modules: cowlens keeps instrumented modules out of it. */
  readonly experimental_defineCacheKeyGenerator?: (generator: (context: { readonly id: string }) => false | undefined) => void;
}

/** vite's inline config, as far as the plugin needs it. */
interface InlineConfig {
  readonly plugins?: unknown;
}

/** The config vitest passes to vite's `createServer`, with cowlens's plugin first. */
export function withCowlensPlugin<C extends InlineConfig>(config: C | undefined): C | InlineConfig | undefined {
  const run = readRunConfig(process.env);
  if (run === undefined) return config;
  const own = config?.plugins;
  const plugins: readonly unknown[] = own === undefined ? [] : Array.isArray(own) ? (own as unknown[]) : [own];
  return { ...config, plugins: [cowlensVitePlugin(run), ...plugins] };
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
    name: 'cowlens',
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
    configureVitest({ project, experimental_defineCacheKeyGenerator }) {
      const pool = project.config.pool;
      if (typeof pool === 'string' && pool.startsWith('vm')) {
        // Those pools evaluate test files in vm contexts of their own, where the preloaded runtime is not.
        active = false;
        const name = typeof project.name === 'string' && project.name !== '' ? `project ${project.name}` : 'the project';
        warn(`vitest's ${pool} pool runs test files in vm contexts, which cowlens does not support: the test files of ${name} run uninstrumented (the forks and threads pools are supported)`);
        return;
      }
      // Instrumented modules depend on cowlens's options and version: never cache them.
      experimental_defineCacheKeyGenerator?.(({ id }) => (wantedFile(id) === undefined ? undefined : false));
    },
  };
}
