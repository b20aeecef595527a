import type { RunMode } from '../../runtime/api.js';
import { SPOOL_ENV } from './spool-format.js';
import type { FilterOptions } from '../instrument-filter.js';

/** What `cowlens report` tells every process it starts, through the environment. */
export interface RunConfig extends FilterOptions {
  readonly mode: RunMode;
  readonly spool: string;
  /** The folder of transformed modules kept between runs (transform-cache.ts); none when the run keeps none. */
  readonly transformCache?: string;
}

/**
 * Set only in the threads cowlens starts for itself (the transform worker, the module hooks'
 * thread), which inherit NODE_OPTIONS and so the preload, and must not run its runtime.
 */
export const OWN_THREAD_ENV = 'COWLENS_OWN_THREAD';

const MODE_ENV = 'COWLENS_MODE';
const ROOT_ENV = 'COWLENS_ROOT';
const ONLY_ENV = 'COWLENS_ONLY';
const INCLUDE_ENV = 'COWLENS_INCLUDE';
const EXCLUDE_ENV = 'COWLENS_EXCLUDE';
const MAX_FILE_SIZE_ENV = 'COWLENS_MAX_FILE_SIZE';
const TRANSFORM_CACHE_ENV = 'COWLENS_TRANSFORM_CACHE';

export function runConfigEnv(config: RunConfig): Record<string, string> {
  return {
    [SPOOL_ENV]: config.spool,
    [MODE_ENV]: config.mode,
    [ROOT_ENV]: config.root,
    [ONLY_ENV]: JSON.stringify(config.only),
    [INCLUDE_ENV]: JSON.stringify(config.include),
    [EXCLUDE_ENV]: JSON.stringify(config.exclude),
    ...(config.maxFileSize === undefined ? {} : { [MAX_FILE_SIZE_ENV]: String(config.maxFileSize) }),
    ...(config.transformCache === undefined ? {} : { [TRANSFORM_CACHE_ENV]: config.transformCache }),
  };
}

/** The configuration of this process, or undefined when it was not started by `cowlens report`. */
export function readRunConfig(env: NodeJS.ProcessEnv): RunConfig | undefined {
  const spool = env[SPOOL_ENV];
  if (spool === undefined || spool === '' || env[OWN_THREAD_ENV] === '1') return undefined;
  return {
    spool,
    mode: env[MODE_ENV] === 'cow' ? 'cow' : 'observe',
    root: env[ROOT_ENV] ?? process.cwd(),
    only: parseList(env[ONLY_ENV]),
    include: parseList(env[INCLUDE_ENV]),
    exclude: parseList(env[EXCLUDE_ENV]),
    ...maxFileSizeOf(env[MAX_FILE_SIZE_ENV]),
    ...(env[TRANSFORM_CACHE_ENV] === undefined || env[TRANSFORM_CACHE_ENV] === '' ? {} : { transformCache: env[TRANSFORM_CACHE_ENV] }),
  };
}

function maxFileSizeOf(value: string | undefined): { maxFileSize?: number } {
  const size = Number(value);
  return value !== undefined && Number.isFinite(size) && size >= 0 ? { maxFileSize: size } : {};
}

function parseList(value: string | undefined): readonly string[] {
  if (value === undefined) return [];
  const parsed: unknown = JSON.parse(value);
  return Array.isArray(parsed) && parsed.every((g) => typeof g === 'string') ? parsed : [];
}
