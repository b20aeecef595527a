import { isAbsolute, relative, sep } from 'node:path';

/** A path relative to `from` with forward slashes, the form globs and reports use. */
export function relativePath(from: string, file: string): string {
  const path = relative(from, file);
  return sep === '/' ? path : path.split(sep).join('/');
}

/** Whether `path` lies below `folder` (not `folder` itself); a name like `..x` inside it counts. */
export function isWithin(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}
