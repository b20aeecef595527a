/**
 * Between the editor's document URIs and the file paths runs and reports use. Paths are the keys
 * inside the server: two clients (or Node and VS Code) may spell one file's URI differently
 * (`%3A` or `:`), never its path.
 */
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The file path of a `file:` URI; undefined for any other scheme (`untitled:`, `git:`) or a malformed URI. */
export function pathOfUri(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export function uriOfPath(path: string): string {
  return pathToFileURL(path).href;
}
