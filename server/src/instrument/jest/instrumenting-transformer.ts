/**
 * jest transforms each module itself (its ScriptTransformer, with babel-jest, ts-jest or whatever
 * the project configures) before it runs it in the test's vm context. cowlens instruments the
 * source first, in its own language, and hands the transformer the instrumented text: the sites
 * keep the lines and columns of the file as written, jest's caches key the result by the text
 * they got (an instrumented module never passes for a plain one), and the transformer's source
 * map, composed with cowlens's, leads stack traces and code frames back to the file as written.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import remapping from '@jridgewell/remapping';
import type { EncodedSourceMap } from '../source-edits.js';
import { cachedSource } from '../hooks/cached-transform.js';
import { type SourceResult, syncTransform } from '../hooks/sync-transform.js';
import type { TransformCache } from '../transform-cache.js';

/** What cowlens relies on of jest's ScriptTransformer (@jest/transform 29 and 30). */
export interface ScriptTransformer {
  transform: (this: ScriptTransformer, filename: string, options: TransformOptions, fileSource?: string) => TransformedFile;
  transformAsync: (this: ScriptTransformer, filename: string, options: TransformOptions, fileSource?: string) => Promise<TransformedFile>;
}

interface TransformOptions {
  readonly isInternalModule?: boolean;
}

interface TransformedFile {
  readonly code: string;
  readonly originalCode: string;
  readonly sourceMapPath: string | null;
}

const instrumented = new WeakSet<ScriptTransformer>();
/** One instrumentation per file and text: each test file's runtime asks again. */
const results = new Map<string, { readonly text: string; readonly result: SourceResult }>();

/**
 * `cacheFS` is jest's cache of the files' text as read, which it also hands the transformer.
 * ts-jest compiles a file it has not seen yet from that cache, not from the text it is given:
 * while the transformer runs, the cache holds the instrumented text of the file it transforms.
 */
export function instrumentTransformer(
  transformer: ScriptTransformer,
  cacheFS: Map<string, string>,
  wanted: (file: string) => boolean,
  warn: (message: string, file: string) => void,
  mapsDir: string,
  cache: TransformCache | undefined,
): void {
  if (instrumented.has(transformer)) return;
  instrumented.add(transformer);
  const seeing = <R>(filename: string, code: string, run: () => R): R => {
    const original = cacheFS.get(filename);
    cacheFS.set(filename, code);
    try {
      return run();
    } finally {
      if (original === undefined) cacheFS.delete(filename);
      else cacheFS.set(filename, original);
    }
  };
  const { transform, transformAsync } = transformer;
  const prepare = (filename: string, options: TransformOptions, fileSource: string | undefined): { text: string; code: string; map: EncodedSourceMap } | undefined => {
    if (options.isInternalModule === true || !wanted(filename)) return undefined;
    const text = fileSource ?? readFileSync(filename, 'utf8');
    let cached = results.get(filename);
    if (cached?.text !== text) {
      cached = { text, result: cachedSource(cache, filename, text, () => syncTransform()({ target: 'source', file: filename, text })) };
      results.set(filename, cached);
      if ('skipped' in cached.result) warn(cached.result.skipped, filename);
    }
    return 'skipped' in cached.result ? undefined : { text, ...cached.result };
  };
  const finish = (filename: string, out: TransformedFile, source: { text: string; map: EncodedSourceMap }): TransformedFile => ({
    ...out,
    originalCode: source.text,
    sourceMapPath: composedMap(filename, out.sourceMapPath, source.map, mapsDir),
  });
  transformer.transform = function transformInstrumented(filename, options, fileSource) {
    const source = prepare(filename, options, fileSource);
    if (source === undefined) return transform.call(this, filename, options, fileSource);
    return finish(filename, seeing(filename, source.code, () => transform.call(this, filename, options, source.code)), source);
  };
  transformer.transformAsync = async function transformAsyncInstrumented(filename, options, fileSource) {
    const source = prepare(filename, options, fileSource);
    if (source === undefined) return transformAsync.call(this, filename, options, fileSource);
    return finish(filename, await seeing(filename, source.code, () => transformAsync.call(this, filename, options, source.code)), source);
  };
}

/**
 * The transformer's map (its output to the instrumented text) composed with cowlens's (the
 * instrumented text to the file), or cowlens's alone when the transformer left the code as it
 * was. Written to a file of its own: jest's cached map stays the transformer's, for the next run.
 */
function composedMap(filename: string, transformerMap: string | null, ours: EncodedSourceMap, mapsDir: string): string {
  // On a cache hit jest names the map file its transform would have written, whether or not the
  // transform made one: a missing file is a transform that left the code as it was.
  const theirs = transformerMap === null || !existsSync(transformerMap) ? undefined : readFileSync(transformerMap, 'utf8');
  const map = theirs === undefined ? ours : remapping([theirs, JSON.stringify(ours)], () => null);
  mkdirSync(mapsDir, { recursive: true });
  const path = join(mapsDir, `${createHash('sha1').update(filename).digest('hex')}-${String(process.pid)}.map`);
  writeFileSync(path, JSON.stringify(map));
  return path;
}
