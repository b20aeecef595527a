/**
 * The checks a file set (file-set.ts) passes before a scan or a run starts, so that globs
 * never quietly mean something other than what their writer meant: a glob that is not one, one
 * that points outside the folder, a negation, an include that adds nothing to the default set
 * (what `--include` meant before it added, and still means to nyc and c8: "only these"), and an
 * include or only that an exclusion empties.
 */
import picomatch from 'picomatch';
import { type FileSet, namesDependencies } from './file-set.js';

type Option = keyof FileSet;

/**
 * The first problem of the set, said for people, or undefined when there is none. `spell` names an
 * option as the user gives it: `--include` on the command line, `cowlens.include` in settings.
 */
export function fileSetProblem(set: FileSet, spell: (option: Option) => string): string | undefined {
  const given = (option: Option, glob: string): string => `${spell(option)} ${quoted(glob)}`;
  for (const option of ['only', 'include', 'exclude'] as const) {
    for (const glob of set[option]) {
      const problem = globProblem(glob);
      if (problem !== undefined) return `${given(option, glob)} ${problem}`;
      if (glob.startsWith('!') && !glob.startsWith('!(')) {
        return `${given(option, glob)} starts with !, a negation (every file but those it names), which cowlens does not take: name the files themselves, with ${spell('exclude')} to leave them out or ${spell('include')} to add them.`;
      }
    }
  }
  if (set.only.length === 0) {
    const redundant = set.include.find((glob) => !namesDependencies(glob));
    if (redundant !== undefined) {
      return `${given('include', redundant)} names no node_modules folder, and every file of the project outside node_modules is in the set already: ${spell('include')} adds files to those (a dependency: ${quoted('node_modules/<package>/**')}). Remove it, or give it as ${given('only', redundant)} to take only the files it matches.`;
    }
  }
  for (const option of ['only', 'include'] as const) {
    for (const glob of set[option]) {
      const sample = sampleOf(glob);
      const exclude = sample === undefined ? undefined : set.exclude.find((e) => picomatch.isMatch(sample, e, { dot: true }));
      if (exclude !== undefined) {
        return `${given(option, glob)} takes no file: ${given('exclude', exclude)} leaves out the files it names, and an exclusion wins over ${spell('only')} and ${spell('include')} alike. Drop or narrow one of the two (the project's dependencies are left out without any exclusion).`;
      }
    }
  }
  return undefined;
}

function globProblem(glob: string): string | undefined {
  if (glob.trim() === '') return 'is empty: give a glob relative to the folder the run starts in, such as src/**.';
  if (glob.startsWith('/') || /^[A-Za-z]:/.test(glob) || glob.split('/').includes('..')) {
    return 'points outside the folder the run starts in: globs are relative to that folder, and cowlens takes only files under it.';
  }
  try {
    picomatch.makeRe(glob, { dot: true, strictBrackets: true });
  } catch (error) {
    return `is not a valid glob: ${(error as Error).message}.`;
  }
  return undefined;
}

/**
 * A path of the glob with each wildcard standing for a name no exclusion aims at
 * (`node_modules/immer/**` gives `node_modules/immer/_`): an exclusion that matches it leaves out
 * the glob's files whatever their names and types, not only some of them. Undefined for a glob
 * with braces, classes or extglobs.
 */
function sampleOf(glob: string): string | undefined {
  if (/[[\]{}()!+@]/.test(glob)) return undefined;
  const sample = glob.replace(/\*\*|\*|\?/g, '_');
  return picomatch.isMatch(sample, glob, { dot: true }) ? sample : undefined;
}

function quoted(glob: string): string {
  return `'${glob}'`;
}
