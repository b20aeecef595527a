/**
 * The files a scan reads, from the paths it was given: files as they are, directories walked.
 * Which files are taken is the file set's (file-set.ts), as for a run: the default set is every
 * file given, and every file the walk reaches without opening `node_modules`, `.git` or a directory
 * whose name starts with a dot. The walk opens such a directory only when a glob of `only` or
 * `include` names it as one of its segments (`node_modules/lib/**`, `.storybook/*.ts`), and takes
 * from it only the files those globs select: a glob that happens to match everything (`**\/*.ts`)
 * does not open dependencies. Globs are relative to the working directory and see dot files.
 *
 * A repository may hold anything under a source file's name. A symbolic link is followed only when
 * its target stays inside the folder scanned (the directory given; for a path given itself, the
 * working directory): a link to `/etc/shadow` or out of the checkout is left alone, with a
 * diagnostic, as is a link that loops or leads nowhere. Devices, FIFOs and sockets are never
 * collected, whatever their name. Every file and directory is taken once, by its real path.
 */
import type { Dirent, Stats } from 'node:fs';
import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { specialKind } from './read-source-file.js';
import { isWithin, relativePath } from './relative-path.js';
import { DEFAULT_FILE_SET, type FileSet, fileSetExcludes, fileSetMatcher } from './file-set.js';
import { isDeclarationFile, scriptKindOf } from './script-kind.js';

/** The file set's lists left out are empty (the default set). */
export interface FileFilter extends Partial<FileSet> {
  readonly cwd: string;
}

export interface CollectedFile {
  /** The absolute path the file was found at, which names it in the results. */
  readonly path: string;
  /** Where it really is, every link resolved: what is read. */
  readonly real: string;
}

export interface CollectedFiles {
  /** Each file once, in the order found. */
  readonly files: CollectedFile[];
  /** The given paths that do not exist, as given. */
  readonly missing: string[];
  /** Entries with a source file's name that were left alone, and why. */
  readonly skipped: { readonly path: string; readonly reason: string }[];
}

const isSourceName = (name: string): boolean => scriptKindOf(name) !== undefined && !isDeclarationFile(name);

/** Where a symbolic link leads, when it may be followed; otherwise why not, and whether it leads to a directory. */
type LinkTarget = { readonly real: string; readonly stats: Stats } | { readonly refused: string; readonly directory: boolean };

class Collector {
  readonly files: CollectedFile[] = [];
  readonly missing: string[] = [];
  readonly skipped: { path: string; reason: string }[] = [];
  /** Where in `files` each real path is. */
  private readonly seenFiles = new Map<string, number>();
  private readonly seenDirectories = new Set<string>();
  private readonly taken: (path: string, inDefault: boolean) => boolean;
  private readonly excluded: (path: string) => boolean;
  private readonly namedDirectories: ReadonlySet<string>;

  constructor(private readonly filter: FileFilter) {
    const set: FileSet = { ...DEFAULT_FILE_SET, ...filter };
    this.taken = fileSetMatcher(set);
    this.excluded = fileSetExcludes(set);
    this.namedDirectories = new Set([...set.only, ...set.include].flatMap((glob) => glob.split('/')));
  }

  /** `inDefault`: the file was given, or the walk reached it without opening a directory it skips by default. */
  private wants(file: string, inDefault: boolean): boolean {
    return this.taken(relativePath(this.filter.cwd, file), inDefault);
  }

  private static skippedByDefault(name: string): boolean {
    return name === 'node_modules' || name.startsWith('.');
  }

  private skipsDirectory(name: string, directory: string): boolean {
    return (Collector.skippedByDefault(name) && !this.namedDirectories.has(name)) || this.excluded(relativePath(this.filter.cwd, directory));
  }

  /** A file found through a link and under its own name too goes by its own name. */
  private addFile(path: string, real: string, inDefault: boolean): void {
    if (!this.wants(path, inDefault)) return;
    const seen = this.seenFiles.get(real);
    if (seen === undefined) {
      this.seenFiles.set(real, this.files.length);
      this.files.push({ path, real });
    } else if (path === real) {
      this.files[seen] = { path, real };
    }
  }

  private skip(path: string, reason: string, inDefault: boolean): void {
    if (this.wants(path, inDefault)) this.skipped.push({ path, reason });
  }

  private async linkTarget(link: string, folder: string): Promise<LinkTarget> {
    let real: string;
    try {
      real = await realpath(link);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      return { refused: code === 'ELOOP' ? 'skipped: a symbolic link that loops' : 'skipped: a symbolic link whose target does not exist', directory: false };
    }
    const stats = await stat(real).catch(() => undefined);
    if (stats === undefined) return { refused: 'skipped: a symbolic link whose target cannot be read', directory: false };
    if (real !== folder && !isWithin(folder, real)) return { refused: `skipped: a symbolic link to ${real}, outside the folder scanned (${folder}); not followed`, directory: stats.isDirectory() };
    return { real, stats };
  }

  async addPath(given: string): Promise<void> {
    const path = resolve(this.filter.cwd, given);
    const own = await lstat(path).catch(() => undefined);
    if (own === undefined) {
      this.missing.push(given);
      return;
    }
    let real: string;
    let stats: Stats = own;
    if (own.isSymbolicLink()) {
      const target = await this.linkTarget(path, await realpath(this.filter.cwd));
      if ('refused' in target) {
        this.skipped.push({ path, reason: target.refused });
        return;
      }
      ({ real, stats } = target);
    } else {
      real = await realpath(path);
    }
    if (stats.isDirectory()) await this.walk(path, real, real, true);
    else if (stats.isFile()) this.addFile(path, real, true);
    else this.skipped.push({ path, reason: `skipped: ${specialKind(stats) ?? 'not a regular file'}` });
  }

  /**
   * Walks `directory` (as found), which really is `real`; links are followed only inside `folder`.
   * `inDefault`: no directory skipped by default was opened on the way.
   */
  private async walk(directory: string, real: string, folder: string, inDefault: boolean): Promise<void> {
    if (this.seenDirectories.has(real)) return;
    this.seenDirectories.add(real);
    const entries: Dirent[] = await readdir(directory, { withFileTypes: true }).catch(() => []);
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const path = resolve(directory, entry.name);
      if (entry.isDirectory()) {
        if (!this.skipsDirectory(entry.name, path)) await this.walk(path, resolve(real, entry.name), folder, inDefault && !Collector.skippedByDefault(entry.name));
      } else if (entry.isFile()) {
        if (isSourceName(entry.name)) this.addFile(path, resolve(real, entry.name), inDefault);
      } else if (entry.isSymbolicLink()) {
        await this.followLink(entry.name, path, folder, inDefault);
      } else if (isSourceName(entry.name)) {
        this.skip(path, `skipped: ${specialKind(entry) ?? 'not a regular file'}`, inDefault);
      }
    }
  }

  private async followLink(name: string, path: string, folder: string, inDefault: boolean): Promise<void> {
    const source = isSourceName(name);
    // A link to a skipped directory name (`node_modules -> …`) is as skipped as the directory.
    if (!source && this.skipsDirectory(name, path)) return;
    const target = await this.linkTarget(path, folder);
    if ('refused' in target) {
      if (source || target.directory) this.skip(path, target.refused, inDefault);
      return;
    }
    if (target.stats.isDirectory()) await this.walk(path, target.real, folder, inDefault && !Collector.skippedByDefault(name));
    else if (!source) return;
    else if (target.stats.isFile()) this.addFile(path, target.real, inDefault);
    else this.skip(path, `skipped: a symbolic link to ${specialKind(target.stats) ?? 'something not a regular file'}`, inDefault);
  }
}

export async function collectFiles(paths: readonly string[], filter: FileFilter): Promise<CollectedFiles> {
  const collector = new Collector(filter);
  for (const path of paths) await collector.addPath(path);
  return { files: collector.files, missing: collector.missing, skipped: collector.skipped };
}
