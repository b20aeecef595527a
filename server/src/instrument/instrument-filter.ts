import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type FileSet, fileSetMatcher } from '../analysis/file-set.js';
import { relativePath } from '../analysis/relative-path.js';
import { isDeclarationFile, languageOf } from '../analysis/source-language.js';
import { formatBytes } from '../report/byte-units.js';
import { SpoolWriter } from './hooks/spool-writer.js';

/** Which files a run instruments: its file set (analysis/file-set.ts), under one folder, up to a size. */
export interface FilterOptions extends FileSet {
  /** Globs are relative to this directory: the directory `cowlens report` ran in. */
  readonly root: string;
  /**
   * Larger files run as written, uninstrumented: a generated file of megabytes would cost its
   * process many times its plain run time and memory to instrument. No limit when not given.
   */
  readonly maxFileSize?: number;
}

/** cowlens's own files (its runtime, its hooks) run in the user's process but are never instrumented. */
const OWN_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Which files to instrument (see `FileSet`); never a file outside the root, cowlens's own, or one
 * that is not a JavaScript or TypeScript source. A file over `maxFileSize` is not instrumented;
 * when the options name the run's spool, the report says so once per file, with the option that
 * raises the limit.
 */
export function createInstrumentFilter(options: FilterOptions & { readonly spool?: string }): (file: string) => boolean {
  const inSet = fileSetMatcher(options);
  const small = sizeCheck(options);
  return (file) => {
    if (languageOf(file) === undefined || isDeclarationFile(file) || file.startsWith(OWN_ROOT)) return false;
    const path = relativePath(options.root, file);
    if (path.startsWith('..') || path === '') return false;
    return inSet(path) && small(file);
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
