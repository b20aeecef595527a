/**
 * The files a scan reads, from the paths it was given: files as they are, directories walked.
 * The walk skips `node_modules`, `.git` and every directory whose name starts with a dot, unless
 * an include glob names that directory as one of its segments (`node_modules/lib/**`,
 * `.storybook/*.ts`): a glob that happens to match everything (`**\/*.ts`) does not open
 * dependencies. Globs are relative to the working directory, see dot files, and apply to named
 * files as well as walked ones.
 */
import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import { isDeclarationFile, scriptKindOf } from './script-kind.js';

export interface FileFilter {
  readonly cwd: string;
  readonly include?: readonly string[];
  readonly exclude?: readonly string[];
}

export interface CollectedFiles {
  /** Absolute paths, each once, in the order found. */
  readonly files: string[];
  /** The given paths that do not exist, as given. */
  readonly missing: string[];
}

/** A path relative to the working directory with forward slashes, the form globs and reports use. */
export function relativePath(cwd: string, file: string): string {
  const path = relative(cwd, file);
  return sep === '/' ? path : path.split(sep).join('/');
}

class Collector {
  readonly files: string[] = [];
  readonly missing: string[] = [];
  private readonly seen = new Set<string>();
  private readonly included: (path: string) => boolean;
  private readonly excluded: (path: string) => boolean;
  private readonly namedDirectories: ReadonlySet<string>;

  constructor(private readonly filter: FileFilter) {
    const include = filter.include ?? [];
    const exclude = filter.exclude ?? [];
    this.included = include.length === 0 ? () => true : picomatch([...include], { dot: true });
    this.excluded = exclude.length === 0 ? () => false : picomatch([...exclude], { dot: true });
    this.namedDirectories = new Set(include.flatMap((glob) => glob.split('/')));
  }

  private wants(file: string): boolean {
    const path = relativePath(this.filter.cwd, file);
    return this.included(path) && !this.excluded(path);
  }

  private skipsDirectory(name: string, directory: string): boolean {
    const hidden = name === 'node_modules' || name.startsWith('.');
    return (hidden && !this.namedDirectories.has(name)) || this.excluded(relativePath(this.filter.cwd, directory));
  }

  private addFile(file: string): void {
    if (this.seen.has(file) || !this.wants(file)) return;
    this.seen.add(file);
    this.files.push(file);
  }

  async addPath(given: string): Promise<void> {
    const path = resolve(this.filter.cwd, given);
    const stats = await stat(path).catch(() => undefined);
    if (stats === undefined) this.missing.push(given);
    else if (stats.isDirectory()) await this.walk(path);
    else this.addFile(path);
  }

  private async walk(directory: string): Promise<void> {
    const entries: Dirent[] = await readdir(directory, { withFileTypes: true }).catch(() => []);
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const path = resolve(directory, entry.name);
      if (entry.isDirectory()) {
        if (!this.skipsDirectory(entry.name, path)) await this.walk(path);
      } else if ((entry.isFile() || entry.isSymbolicLink()) && scriptKindOf(entry.name) !== undefined && !isDeclarationFile(entry.name)) {
        this.addFile(path);
      }
    }
  }
}

export async function collectFiles(paths: readonly string[], filter: FileFilter): Promise<CollectedFiles> {
  const collector = new Collector(filter);
  for (const path of paths) await collector.addPath(path);
  return { files: collector.files, missing: collector.missing };
}
