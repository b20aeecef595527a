import { relative, sep } from 'node:path';

/** A path relative to `from` with forward slashes, the form globs and reports use. */
export function relativePath(from: string, file: string): string {
  const path = relative(from, file);
  return sep === '/' ? path : path.split(sep).join('/');
}
