/**
 * What a run target means as a command: a file runs with node (TypeScript as it is: the loader
 * transpiles it), the entry runs with node in its folder, the tests run the configured command.
 * Everything that would make a run fail before it starts is checked here, with a message that
 * says what to do.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isWithin } from '../analysis/relative-path.js';
import { fileSetProblem } from '../analysis/file-set-problem.js';
import type { CowlensSettings, RunTarget } from './protocol.js';
import { CommandLineError, splitCommandLine } from './split-command-line.js';
import { pathOfUri } from './uris.js';

export interface RunPlan {
  readonly command: readonly string[];
  /** The folder the command runs in: the files it instruments and reports are relative to it. */
  readonly cwd: string;
}

/** A target that cannot run, with the reason for people. */
export class RunPlanError extends Error {}

/** The workspace folder holding `path`, the innermost when folders nest. */
export function folderOf(path: string, folders: readonly string[]): string | undefined {
  return folders.filter((folder) => isWithin(folder, path)).sort((a, b) => b.length - a.length)[0];
}

/**
 * `folder` is the workspace folder to run in: the one asked for, else the first. A file runs in
 * the folder holding it, or in its own directory when it is in none (cowlens only instruments files
 * under the folder it runs in).
 */
export function planRun(target: RunTarget, folder: string | undefined, folders: readonly string[], settings: CowlensSettings): RunPlan {
  checkFileSet(settings);
  switch (target.kind) {
    case 'file': {
      const path = pathOfUri(target.uri);
      if (path === undefined) throw new RunPlanError(`cowlens can only run files saved on disk, and ${target.uri} is not one: save it first.`);
      if (!existsSync(path)) throw new RunPlanError(`${path} does not exist (deleted, or never saved?): save it and run it again.`);
      const cwd = folder !== undefined && isWithin(folder, path) ? folder : (folderOf(path, folders) ?? dirname(path));
      return { command: ['node', path], cwd };
    }
    case 'entry': {
      if (folder === undefined) throw new RunPlanError('Running the entry needs a workspace folder: open the folder of your project.');
      if (settings.entry.trim() === '') throw new RunPlanError('No entry is set: set cowlens.entry to the file to run, relative to the workspace folder (for example src/main.ts).');
      if (!existsSync(join(folder, settings.entry))) throw new RunPlanError(`The entry ${settings.entry} (cowlens.entry) does not exist in ${folder}: set cowlens.entry to a file relative to the workspace folder.`);
      return { command: ['node', settings.entry], cwd: folder };
    }
    case 'tests': {
      if (folder === undefined) throw new RunPlanError('Running the tests needs a workspace folder: open the folder of your project.');
      try {
        return { command: splitCommandLine(settings.testCommand), cwd: folder };
      } catch (error) {
        if (error instanceof CommandLineError) throw new RunPlanError(error.message);
        throw error;
      }
    }
  }
}

/**
 * A run whose program a debugger starts: it runs in the workspace folder it belongs to, the files
 * cowlens instruments and reports are relative to that folder, and `command` only names it.
 */
export function planAttachedRun(command: readonly string[], folder: string | undefined, settings: CowlensSettings): RunPlan {
  checkFileSet(settings);
  if (folder === undefined) throw new RunPlanError('Debugging with cowlens needs a workspace folder: open the folder of your project, or set "cowlens": false in the launch configuration.');
  return { command, cwd: folder };
}

/**
 * The settings `cowlens.only`, `cowlens.include` and `cowlens.exclude` mean what the command line's
 * options do, and are checked alike: a value written when `cowlens.include` replaced the default
 * set ("src/**") stops the run with what to change, rather than instrumenting something else.
 */
function checkFileSet(settings: CowlensSettings): void {
  const problem = fileSetProblem(settings, (option) => `cowlens.${option}`);
  if (problem !== undefined) throw new RunPlanError(`The cowlens settings: ${problem}`);
}
