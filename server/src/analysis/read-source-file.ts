/**
 * Reads a source file that a repository, not the user, put there: it may be a device
 * (`zero.js -> /dev/zero` never ends), a FIFO (whose open and read wait for a writer forever), a
 * link swapped in after it was checked, or a generated file of hundreds of megabytes. Only a
 * regular file is read, at most `maxBytes` of it, and nothing here ever waits on a writer:
 * the file is opened without blocking and without following a final link, and checked on the
 * handle it was opened with, so what was checked is what is read.
 */
import { closeSync, constants, type Dirent, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { formatBytes } from '../report/byte-units.js';

/** Past this, a file is generated or data, and would cost seconds to parse (or instrument) for nothing a person wrote. */
export const DEFAULT_MAX_FILE_SIZE = 5_000_000;

/** How much of a file is looked at for a NUL byte, the mark of a binary file. */
const BINARY_SNIFF_BYTES = 8000;

export type SourceText = { readonly text: string } | { readonly skipped: string };

export interface ReadLimits {
  readonly maxBytes: number;
  /** What the user can do to have a larger file read, for the message: `raise it with --max-file-size`. */
  readonly raiseWith?: string;
}

/** Where the platform has them (not on Windows, which has neither FIFOs to block on nor these flags). */
const NO_FOLLOW = (constants as Partial<typeof constants>).O_NOFOLLOW ?? 0;
const NON_BLOCKING = (constants as Partial<typeof constants>).O_NONBLOCK ?? 0;

/** What a file that is not a regular one is, for the message that skips it; undefined for a regular file or a directory. */
export function specialKind(entry: Dirent | Stats): string | undefined {
  if (entry.isFIFO()) return 'a FIFO';
  if (entry.isSocket()) return 'a socket';
  if (entry.isCharacterDevice()) return 'a character device';
  if (entry.isBlockDevice()) return 'a block device';
  return undefined;
}

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a directory';
  return specialKind(stats) ?? 'not a regular file';
}

export function tooLargeMessage(size: number, limits: ReadLimits): string {
  const raise = limits.raiseWith === undefined ? '' : ` (${limits.raiseWith})`;
  return `skipped: ${formatBytes(size)} is larger than the ${formatBytes(limits.maxBytes)} limit${raise}`;
}

export function readSourceFile(path: string, limits: ReadLimits): SourceText {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | NO_FOLLOW | NON_BLOCKING);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') return { skipped: 'skipped: it became a symbolic link while being scanned' };
    return { skipped: `cannot read: ${error instanceof Error ? error.message : String(error)}` };
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) return { skipped: `skipped: ${kindOf(stats)}, not a regular file` };
    if (stats.size > limits.maxBytes) return { skipped: tooLargeMessage(stats.size, limits) };
    // The size is a hint (a file may grow while it is read): reading goes on to the end, or one
    // byte past the limit, which tells a file that grew too large.
    let buffer = Buffer.allocUnsafe(Math.min(stats.size, limits.maxBytes) + 1);
    let length = 0;
    for (;;) {
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
      if (length > limits.maxBytes) break;
      if (length === buffer.length) buffer = Buffer.concat([buffer, Buffer.allocUnsafe(Math.min(buffer.length, limits.maxBytes + 1 - buffer.length))]);
    }
    if (length > limits.maxBytes) return { skipped: tooLargeMessage(length, limits) };
    const bytes = buffer.subarray(0, length);
    if (bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0)) return { skipped: 'skipped: binary file' };
    const text = bytes.toString('utf8');
    return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  } catch (error) {
    return { skipped: `cannot read: ${error instanceof Error ? error.message : String(error)}` };
  } finally {
    closeSync(fd);
  }
}
