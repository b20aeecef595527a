import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import picomatch from 'picomatch';
import { relativePath } from '../analysis/relative-path.js';
import { isDeclarationFile, languageOf } from '../analysis/source-language.js';
import { formatBytes } from '../report/byte-units.js';
import { SpoolWriter } from './hooks/spool-writer.js';

export interface FilterOptions {
  /** Globs are relative to this directory: the directory `cowlens report` ran in. */
  readonly root: string;
  readonly include: readonly string[];
  readonly exclude: readonly string[];
  /**
   * Larger files run as written, uninstrumented: a generated file of megabytes would cost its
   * process many times its plain run time and memory to instrument. No limit when not given.
   */
  readonly maxFileSize?: number;
}

/** By default: the project's own sources, not its dependencies, not files outside it. */
export const DEFAULT_INCLUDE: readonly string[] = ['**/*'];
export const DEFAULT_EXCLUDE: readonly string[] = ['**/node_modules/**'];

/** cowlens's own files (its runtime, its hooks) run in the user's process but are never instrumented. */
const OWN_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Which files to instrument. A file must match an include glob and no exclude glob; an explicit
 * include naming `node_modules` overrides the default exclusion of dependencies, so
 * `--include 'node_modules/lodash/**'` instruments lodash. A file over `maxFileSize` is not
 * instrumented; when the options name the run's spool, the report says so once per file, with
 * the option that raises the limit.
 */
export function createInstrumentFilter(options: FilterOptions & { readonly spool?: string }): (file: string) => boolean {
  const include = picomatch([...options.include], { dot: true });
  const includesDependencies = options.include.some((g) => g.includes('node_modules'));
  const exclude = picomatch(options.exclude.filter((g) => !(includesDependencies && g === '**/node_modules/**')), { dot: true });
  const small = sizeCheck(options);
  return (file) => {
    if (languageOf(file) === undefined || isDeclarationFile(file) || file.startsWith(OWN_ROOT)) return false;
    const path = relativePath(options.root, file);
    if (path.startsWith('..') || path === '') return false;
    return include(path) && !exclude(path) && small(file);
  };
}

function sizeCheck({ maxFileSize, spool }: { readonly maxFileSize?: number; readonly spool?: string }): (file: string) => boolean {
  if (maxFileSize === undefined) return () => true;
  const writer = spool === undefined ? undefined : new SpoolWriter(spool);
  const told = new Set<string>();
  return (file) => {
    const size = statSync(file, { throwIfNoEntry: false })?.size ?? 0;
    if (size <= maxFileSize) return true;
    if (!told.has(file)) {
      told.add(file);
      writer?.warn(
        `${file} is ${formatBytes(size)}, larger than the ${formatBytes(maxFileSize)} cowlens instruments: it runs as written, uninstrumented (to instrument it, raise the limit with --max-file-size)`,
        file,
      );
    }
    return false;
  };
}
