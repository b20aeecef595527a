/**
 * Transformed modules kept on disk between runs, so that a process whose modules were all seen
 * before never loads the TypeScript compiler: loading it is most of what an instrumented process
 * pays to start (about a second of CPU, against a few milliseconds to read an entry).
 *
 * An entry is found by a hash of everything its output depends on: the file's path (the site
 * tables name it), its text, the kind of output and its options. The build of cowlens that wrote
 * it is in the folder's name (run/transform-cache-folder.ts), so an entry never outlives the code
 * that made it. The cache only ever speeds a run up: an entry that cannot be read or does not
 * hold what it should is a miss, and one that cannot be written is left out.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export class TransformCache {
  constructor(private readonly folder: string) {}

  /** The entry for `key`, computed and stored when there is none (or none that `valid` accepts). */
  through<T>(key: readonly string[], valid: (value: unknown) => value is T, compute: () => T): T {
    const path = this.pathOf(key);
    const found = readEntry(path);
    return valid(found) ? found : stored(path, compute());
  }

  /** As `through`, for work that finishes later. */
  async throughAsync<T>(key: readonly string[], valid: (value: unknown) => value is T, compute: () => Promise<T>): Promise<T> {
    const path = this.pathOf(key);
    const found = readEntry(path);
    return valid(found) ? found : stored(path, await compute());
  }

  private pathOf(key: readonly string[]): string {
    return join(this.folder, `${entryName(key)}.json`);
  }
}

function stored<T>(path: string, value: T): T {
  writeEntry(path, value);
  return value;
}

function entryName(key: readonly string[]): string {
  const hash = createHash('sha256');
  for (const part of key) hash.update(`${String(part.length)}:`).update(part);
  return hash.digest('hex');
}

function readEntry(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/** Written whole or not at all: to a name of its own first, then renamed, so that no process reads half an entry. */
function writeEntry(path: string, value: unknown): void {
  const partial = `${path}.${randomBytes(6).toString('hex')}.partial`;
  try {
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(partial, JSON.stringify(value));
    renameSync(partial, path);
  } catch {
    removeQuietly(partial);
  }
}

function removeQuietly(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // Left for the next run's write of the same entry to replace; nothing reads a `.partial`.
  }
}
