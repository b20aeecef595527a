/**
 * Which of a project's files a command takes, in three words of one meaning each, the same for
 * `scan` and for `report`: by default the project's own sources (the files under the folder the
 * command starts in, outside every `node_modules`); `only` replaces that default set, `include`
 * adds to the set (a dependency: `node_modules/immer/**`), and `exclude` removes from it, winning
 * over both. Globs are relative to the folder. A dependency's file is matched only by a glob that
 * names `node_modules`, as nyc and c8 leave dependencies out whatever their include says:
 * `--only '**\/*.js'` means the project's files.
 */
import picomatch from 'picomatch';

export interface FileSet {
  /** Empty: the default set. */
  readonly only: readonly string[];
  readonly include: readonly string[];
  readonly exclude: readonly string[];
}

export const DEFAULT_FILE_SET: FileSet = { only: [], include: [], exclude: [] };

/** The files the default set leaves out: the project's dependencies. */
const isDependency = picomatch('**/node_modules/**', { dot: true });

/** Whether a glob may match a dependency's files (see `FileSet`). */
export function namesDependencies(glob: string): boolean {
  return glob.includes('node_modules');
}

/**
 * Whether the set takes a file, by its path relative to the folder (`src/a.ts`). `inDefault` says
 * whether the file is one of the default set: by default, whether it is outside every
 * `node_modules`; a scan says instead whether its walk reached the file without opening a folder
 * it skips by default.
 */
export function fileSetMatcher(set: FileSet): (path: string, inDefault?: boolean) => boolean {
  const only = set.only.length === 0 ? undefined : selection(set.only);
  const included = selection(set.include);
  const excluded = matcher(set.exclude);
  return (path, inDefault = !isDependency(path)) => ((only === undefined ? inDefault : only(path)) || included(path)) && !excluded(path);
}

/** Whether the set's exclusions leave a file or folder out, by its path relative to the folder. */
export function fileSetExcludes(set: FileSet): (path: string) => boolean {
  return matcher(set.exclude);
}

function matcher(globs: readonly string[]): (path: string) => boolean {
  return globs.length === 0 ? () => false : picomatch([...globs], { dot: true });
}

/** The files `globs` select: a dependency's only through the globs that name `node_modules`. */
function selection(globs: readonly string[]): (path: string) => boolean {
  const any = matcher(globs);
  const dependencies = matcher(globs.filter(namesDependencies));
  return (path) => (isDependency(path) ? dependencies(path) : any(path));
}
