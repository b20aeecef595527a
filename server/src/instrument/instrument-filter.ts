import { relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import picomatch from 'picomatch';
import { isDeclarationFile, languageOf } from '../analysis/source-language.js';

export interface FilterOptions {
  /** Globs are relative to this directory: the directory `cowlens report` ran in. */
  readonly root: string;
  readonly include: readonly string[];
  readonly exclude: readonly string[];
}

/** By default: the project's own sources, not its dependencies, not files outside it. */
export const DEFAULT_INCLUDE: readonly string[] = ['**/*'];
export const DEFAULT_EXCLUDE: readonly string[] = ['**/node_modules/**'];

/**
 * Which files to instrument. A file must match an include glob and no exclude glob; an explicit
 * include naming `node_modules` overrides the default exclusion of dependencies, so
 * `--include 'node_modules/lodash/**'` instruments lodash.
 */
/** cowlens's own files (its runtime, its hooks) run in the user's process but are never instrumented. */
const OWN_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export function createInstrumentFilter(options: FilterOptions): (file: string) => boolean {
  const include = picomatch([...options.include], { dot: true });
  const includesDependencies = options.include.some((g) => g.includes('node_modules'));
  const exclude = picomatch(options.exclude.filter((g) => !(includesDependencies && g === '**/node_modules/**')), { dot: true });
  return (file) => {
    if (languageOf(file) === undefined || isDeclarationFile(file) || file.startsWith(OWN_ROOT)) return false;
    const rel = relative(options.root, file);
    if (rel.startsWith('..') || rel === '') return false;
    const path = sep === '/' ? rel : rel.split(sep).join('/');
    return include(path) && !exclude(path);
  };
}
