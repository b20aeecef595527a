/**
 * The copy sites of a file that is not open, read from disk: diagnostics of a run go to every file
 * it ran, and need the sites' extents there. A file that vanished or cannot be read has none.
 */
import { readFileSync, statSync } from 'node:fs';
import { scanSource, type StaticSite } from '../analysis/scan-source.js';
import { MAX_SCANNED_CHARS, unscannableReason } from './unscannable.js';

export function sitesOnDisk(path: string): readonly StaticSite[] {
  try {
    // A UTF-8 file has at least as many bytes as characters: the size alone rules out huge files unread.
    if (statSync(path).size > MAX_SCANNED_CHARS * 4) return [];
    const text = readFileSync(path, 'utf8');
    return unscannableReason(text) === undefined ? scanSource(path, text).sites : [];
  } catch {
    return [];
  }
}
