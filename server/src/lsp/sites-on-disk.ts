/**
 * The copy sites of a file that is not open, read from disk: diagnostics of a run go to every file
 * it ran, and need the sites' extents there. A file that vanished or cannot be read has none, and
 * so has one that is not safe to read: a path through a symbolic link is followed only to a file
 * inside the workspace folder that holds the path (a program may have swapped its own file for a
 * link to `/dev/zero` or to a secret), and only regular files of a size the editor scans are read.
 */
import { realpathSync } from 'node:fs';
import { isWithin } from '../analysis/relative-path.js';
import { readSourceFile } from '../analysis/read-source-file.js';
import { scanSource, type StaticSite } from '../analysis/scan-source.js';
import { folderOf } from './run-plan.js';
import { MAX_SCANNED_CHARS, unscannableReason } from './unscannable.js';

function realPathAllowed(path: string, folders: readonly string[]): string | undefined {
  try {
    const real = realpathSync(path);
    if (real === path) return real;
    const folder = folderOf(path, folders);
    return folder !== undefined && isWithin(realpathSync(folder), real) ? real : undefined;
  } catch {
    return undefined;
  }
}

export function sitesOnDisk(path: string, folders: readonly string[]): readonly StaticSite[] {
  const real = realPathAllowed(path, folders);
  if (real === undefined) return [];
  // A UTF-8 file has at least as many bytes as characters: the size alone rules out huge files unread.
  const source = readSourceFile(real, { maxBytes: MAX_SCANNED_CHARS * 4 });
  if ('skipped' in source) return [];
  return unscannableReason(source.text) === undefined ? scanSource(path, source.text).sites : [];
}
