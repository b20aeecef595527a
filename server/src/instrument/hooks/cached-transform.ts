/**
 * The hooks' way to the transformer: through the run's transform cache (transform-cache.ts) when
 * it has one, so that a module seen before costs a file read, and the compiler is loaded only for
 * a module that was not.
 */
import { TransformCache } from '../transform-cache.js';
import type { ModuleFormat } from '../to-javascript.js';
import type { TransformResult } from '../transform-module.js';
import { stripsTypes } from '../strip-types.js';
import type { RunConfig } from './run-config.js';
import type { SourceResult } from './sync-transform.js';

/**
 * The V8 the transform runs on is part of every key: the instrumented code quotes operands as that
 * V8 prints them (v8-string-folding.ts), so one project run on two Node versions keeps two entries.
 */
const V8 = process.versions.v8;

export function transformCacheOf(config: Pick<RunConfig, 'transformCache'>): TransformCache | undefined {
  return config.transformCache === undefined ? undefined : new TransformCache(config.transformCache);
}

/** What Node runs for a module (transform-module.ts's `transformModule`), from the cache when it has it. */
export function cachedModule(cache: TransformCache | undefined, file: string, text: string, format: ModuleFormat, instrument: boolean, compute: () => TransformResult): TransformResult {
  return cache === undefined ? compute() : cache.through(moduleKey(file, text, format, instrument), isTransformResult, compute);
}

export function cachedModuleAsync(cache: TransformCache | undefined, file: string, text: string, format: ModuleFormat, instrument: boolean, compute: () => Promise<TransformResult>): Promise<TransformResult> {
  return cache === undefined ? compute() : cache.throughAsync(moduleKey(file, text, format, instrument), isTransformResult, compute);
}

/** The instrumented source in its own language, for a runner that transforms it further (jest), from the cache when it has it. */
export function cachedSource(cache: TransformCache | undefined, file: string, text: string, compute: () => SourceResult): SourceResult {
  return cache === undefined ? compute() : cache.through(['source', V8, file, text], isSourceResult, compute);
}

/** Whether a file of undecided format is an ES module (detect-module-syntax.ts), from the cache when it has it. */
export function cachedModuleSyntax(cache: TransformCache | undefined, file: string, text: string, compute: () => Promise<boolean>): Promise<boolean> {
  return cache === undefined ? compute() : cache.throughAsync(moduleSyntaxKey(file, text), isBoolean, compute);
}

/** As `cachedModuleSyntax`, for a hook that must answer synchronously. */
export function cachedModuleSyntaxSync(cache: TransformCache | undefined, file: string, text: string, compute: () => boolean): boolean {
  return cache === undefined ? compute() : cache.through(moduleSyntaxKey(file, text), isBoolean, compute);
}

/** A module's static import specifiers (static-specifiers.ts), from the cache when it has it. */
export function cachedStaticSpecifiers(cache: TransformCache | undefined, file: string, text: string, compute: () => string[]): string[] {
  return cache === undefined ? compute() : cache.through(['static specifiers', file, text], isStringArray, compute);
}

function moduleSyntaxKey(file: string, text: string): string[] {
  return ['module syntax', typesHandling(file), file, text];
}

function moduleKey(file: string, text: string, format: ModuleFormat, instrument: boolean): string[] {
  return ['module', V8, file, format, instrument ? 'instrumented' : 'as written', typesHandling(file), text];
}

/**
 * A module whose types cowlens strips is stripped by the Node that runs it, whose release decides
 * what it strips and the `//# sourceURL` it names the module by (strip-types.ts).
 */
function typesHandling(file: string): string {
  return stripsTypes(file) ? `types stripped by Node ${process.version}` : 'as its language says';
}

function isTransformResult(value: unknown): value is TransformResult {
  if (typeof value !== 'object' || value === null) return false;
  const { code, map, sourceUrl, skipped } = value as Record<string, unknown>;
  return typeof code === 'string' && (map === undefined || (typeof map === 'object' && map !== null)) && (sourceUrl === undefined || typeof sourceUrl === 'string') && (skipped === undefined || typeof skipped === 'string');
}

function isSourceResult(value: unknown): value is SourceResult {
  if (typeof value !== 'object' || value === null) return false;
  const { code, map, skipped } = value as Record<string, unknown>;
  return typeof skipped === 'string' || (typeof code === 'string' && typeof map === 'object' && map !== null);
}

function isBoolean(value: unknown): value is boolean {
  return typeof value === 'boolean';
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}
