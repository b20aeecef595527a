/**
 * A loader of the program's whose require hook runs before cowlens's (@babel/register loaded by
 * `node -r`) compiles a module first and hands over its output, with its map inline, leading back
 * to the module's own file. cowlens instruments that output, which is what runs, and places each
 * site and write where the map leads: on the line and column of the file as written, where the
 * editor shows its figures. A map that leads to other files (a build's output mapped to its
 * sources) is not such a loader's, and the text's own places stand.
 */
import { SourceMap, type SourceMapPayload } from 'node:module';
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { sourceMapOfDataUrl } from './source-map-data-url.js';

/** A 1-based line and column. */
export type Place = [line: number, column: number];

/** Node's own pattern; like Node, the last match counts. */
const MAGIC_COMMENT = /\/[*/]#\s+sourceMappingURL=(?<url>[^\s]+)/g;

/**
 * Where a place of `text` lies in `file` as written, when `text` is a loader's output of `file`
 * carrying its map inline; undefined otherwise. A place the map does not cover stays where it is.
 */
export function placesInFile(file: string, text: string): ((place: Place) => Place) | undefined {
  const map = selfMap(file, text);
  if (map === undefined) return undefined;
  return ([line, column]) => {
    const entry = map.findEntry(line - 1, column - 1) as Partial<{ generatedLine: number; generatedColumn: number; originalLine: number; originalColumn: number }>;
    if (entry.originalLine === undefined || entry.originalColumn === undefined || entry.generatedLine !== line - 1 || entry.generatedColumn === undefined) return [line, column];
    return [entry.originalLine + 1, entry.originalColumn + 1 + (column - 1 - entry.generatedColumn)];
  };
}

/** The inline map of `text`, if every source it names is `file` itself. */
function selfMap(file: string, text: string): SourceMap | undefined {
  if (!text.includes('sourceMappingURL=data:')) return undefined;
  const url = [...text.matchAll(MAGIC_COMMENT)].at(-1)?.groups?.url;
  if (url === undefined || !url.startsWith('data:')) return undefined;
  try {
    const payload = sourceMapOfDataUrl(new URL(url).pathname) as SourceMapPayload;
    const fileUrl = pathToFileURL(file).href;
    const root = (payload.sourceRoot as string | undefined) ?? '';
    const own = payload.sources.length > 0 && payload.sources.every((source) => {
      const path = root + source;
      return (isAbsolute(path) ? pathToFileURL(path).href : new URL(path, fileUrl).href) === fileUrl;
    });
    return own ? new SourceMap(payload) : undefined;
  } catch {
    return undefined;
  }
}
