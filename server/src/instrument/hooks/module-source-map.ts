/**
 * Whether the JavaScript that Node runs for a module carries cowlens's source map. A map changes
 * more than positions: Node prints the frames of a mapped module in a format of its own (`at
 * <anonymous> (/path:1:2)` for `at file:///path:1:2`, `Object.get g` for `get g [as g]`), and
 * its uncaught-error header differently. So cowlens's map goes only where Node would map the
 * module as written: source maps are on and the module names a map of its own, which cowlens's
 * then leads through. Anywhere else the module runs without one, and its frames are plain Node's:
 * cowlens never moves a line, and moves columns only on the lines it edits.
 *
 * A debugger is the other reader: one that finds no map compares the code with the file on disk,
 * and shows a read-only copy of the instrumented code when they differ. With source maps off Node
 * reads no map, so under a debugger the map goes with every module cowlens edits.
 *
 * TypeScript that cowlens transpiles is the exception: its lines move, and the runners that run
 * TypeScript as it is (tsx) map it, so its map always goes with it and the hooks turn source maps
 * on before it runs (source-maps-state.ts). TypeScript whose types cowlens strips in place
 * (strip-types.ts) keeps every position, and goes as Node runs a module it strips itself: with no
 * map, source maps on or off, named by the `//# sourceURL` Node ends it with, which comes last
 * (the importing thread tells such a module from a compiled one by it). Only a debugger gets
 * cowlens's map, which leads it to the file as written.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import remapping from '@jridgewell/remapping';
import { needsTranspile } from '../../analysis/source-language.js';
import type { EncodedSourceMap } from '../source-edits.js';
import type { TransformResult } from '../transform-module.js';
import { withInlineMap } from './inline-source-map.js';
import { sourceMapOfDataUrl } from '../source-map-data-url.js';

/** Who would read a module's source map, in the thread that compiles it. */
export interface MapReaders {
  /** Node applies source maps. */
  readonly node: boolean;
  /** A debugger is attached. */
  readonly debugger: boolean;
}

export function codeForNode(file: string, text: string, result: TransformResult, readers: MapReaders): string {
  const { code, map, sourceUrl } = result;
  if (sourceUrl !== undefined) return `${map !== undefined && readers.debugger ? withInlineMap(code, map) : `${code}\n`}\n//# sourceURL=${sourceUrl}`;
  if (map === undefined) return code;
  if (runsCompiled(file, result)) return withInlineMap(code, map);
  // Nothing edited: the module's own comment, if any, leads where cowlens's would.
  if (code === text) return code;
  if (!readers.node && !readers.debugger) return code;
  const own = ownSourceMap(file, text);
  if (own === undefined) return readers.debugger ? withInlineMap(code, map) : code;
  try {
    return withInlineMap(code, remapping(JSON.stringify(map), (_source, context) => (context.depth === 1 ? JSON.stringify(own) : null)));
  } catch {
    // A map the composition cannot read: the module's own comment is still in the code, and Node
    // reads it (or fails to) as it would the file as written.
    return code;
  }
}

/** Whether the module runs as the compiler printed it (to-javascript.ts): its lines have moved. */
export function runsCompiled(file: string, result: TransformResult): boolean {
  return needsTranspile(file) && result.sourceUrl === undefined;
}

/** Node's own pattern; like Node, the last match counts. */
const MAGIC_COMMENT = /\/[*/]#\s+sourceMappingURL=(?<url>[^\s]+)/g;

/**
 * The map the file as written names, read as Node reads it (source_map_cache.js): a data URL, or
 * a URL relative to the file; its sources made absolute URLs. Undefined when Node would find none.
 */
function ownSourceMap(file: string, text: string): EncodedSourceMap | undefined {
  const url = [...text.matchAll(MAGIC_COMMENT)].at(-1)?.groups?.url;
  if (url === undefined) return undefined;
  const fileUrl = pathToFileURL(file).href;
  try {
    if (URL.canParse(url)) {
      const absolute = new URL(url);
      return absolute.protocol === 'data:' ? withAbsoluteSources(sourceMapOfDataUrl(absolute.pathname) as EncodedSourceMap, fileUrl) : undefined;
    }
    const mapUrl = new URL(url, fileUrl);
    return withAbsoluteSources(JSON.parse(readFileSync(fileURLToPath(mapUrl), 'utf8')) as EncodedSourceMap, mapUrl.href);
  } catch {
    return undefined;
  }
}

/** As Node resolves them: after `sourceRoot`, absolute paths as file URLs, the rest against the map's URL. */
function withAbsoluteSources(map: EncodedSourceMap, base: string): EncodedSourceMap {
  const root = map.sourceRoot ?? '';
  const sources = map.sources.map((source) => {
    const path = root + (source ?? '');
    return isAbsolute(path) ? pathToFileURL(path).href : new URL(path, base).href;
  });
  return { ...map, sources, sourceRoot: '' };
}
