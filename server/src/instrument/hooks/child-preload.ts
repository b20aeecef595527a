/**
 * A child process loads cowlens's preload only through the NODE_OPTIONS of its environment. A
 * program that starts one with NODE_OPTIONS of its own (`cross-env NODE_OPTIONS=--max-old-space-size=4096
 * jest` in an npm script, `{ ...process.env, NODE_OPTIONS: '…' }`) would run it uninstrumented,
 * and its copies would be missing from a report that looks complete. So, as nyc does for
 * coverage, cowlens puts its preload back in front of the options the program gave, for a child
 * whose environment keeps the run's variables: the child sees NODE_OPTIONS as every process of the
 * run sees it, the program's options after cowlens's `--require`. A child whose environment drops
 * NODE_OPTIONS (vitest's watchdog process) or the run's variables is one the program wants clean:
 * it runs as it is, and when it is Node running a project file, the run says so.
 */
import childProcess, { ChildProcess } from 'node:child_process';
import { basename, resolve } from 'node:path';
import { standsFor } from '../../runtime/index.js';
import { loadsCowlens, nodeOptionsWithCowlens } from '../../run/node-options.js';
import { readRunConfig } from './run-config.js';

type Env = Readonly<Record<string, string | undefined>>;

/** How a child is started: the file run, its arguments (without argv[0]) and its folder. */
interface Start {
  readonly file: string;
  readonly args: readonly unknown[];
  readonly cwd: string | undefined;
}

const CLEAN_CHILD =
  "a Node child process it started with NODE_OPTIONS or cowlens's variables removed from its environment ran it: pass them on to the child (`{ ...process.env, … }`) to instrument it";

/**
 * `wanted` says which files are the project's; `uninstrumented` hears of a Node child that runs
 * one with a clean environment.
 */
export function keepPreloadInChildren(wanted: (file: string) => boolean, uninstrumented: (reason: string, files: readonly string[]) => void): void {
  const reportClean = (start: Start): void => {
    const script = cleanNodeScript(start);
    if (script !== undefined && wanted(script)) uninstrumented(CLEAN_CHILD, [script]);
  };
  const proto = ChildProcess.prototype as unknown as { spawn: (this: ChildProcess, options: SpawnOptions) => unknown };
  const spawn = proto.spawn;
  // Every asynchronous way to start a process (spawn, fork, exec, execFile) ends here, with the
  // environment already made into `NAME=value` pairs.
  proto.spawn = standsFor(function spawnWithPreload(this: ChildProcess, options: SpawnOptions) {
    const pairs = options.envPairs;
    if (Array.isArray(pairs)) {
      const env = envOfPairs(pairs);
      if (isClean(env)) {
        if (typeof options.file === 'string' && Array.isArray(options.args)) reportClean({ file: options.file, args: options.args.slice(1), cwd: options.cwd });
      } else if (!loadsCowlens(env.NODE_OPTIONS)) {
        const withPreload = `NODE_OPTIONS=${nodeOptionsWithCowlens(env.NODE_OPTIONS)}`;
        const at = pairs.findIndex((pair) => pair.startsWith('NODE_OPTIONS='));
        options.envPairs = at === -1 ? [...pairs, withPreload] : pairs.map((pair, i) => (i === at ? withPreload : pair));
      }
    }
    return spawn.call(this, options);
  }, spawn);
  // The synchronous ones go to Node's binding directly: their options are mended on the way in.
  const exports = childProcess as unknown as Record<'spawnSync' | 'execFileSync' | 'execSync', (...args: unknown[]) => unknown>;
  for (const name of ['spawnSync', 'execFileSync', 'execSync'] as const) {
    const original = exports[name];
    // `(file, args?, options?)`, but execSync's `(command, options?)`.
    const takesArgs = name !== 'execSync';
    const named: Record<string, (this: unknown, ...args: unknown[]) => unknown> = {
      [name](this: unknown, ...args: unknown[]) {
        const at = takesArgs && (Array.isArray(args[1]) || args[1] == null) ? 2 : 1;
        const options = args[at];
        const given = typeof options === 'object' && options !== null ? (options as { env?: Env; cwd?: string }) : {};
        const env = given.env ?? process.env;
        if (isClean(env)) {
          if (takesArgs && typeof args[0] === 'string') reportClean({ file: args[0], args: Array.isArray(args[1]) ? args[1] : [], cwd: given.cwd });
        } else if (!loadsCowlens(env.NODE_OPTIONS)) {
          const mended = [...args];
          mended[at] = { ...given, env: { ...env, NODE_OPTIONS: nodeOptionsWithCowlens(env.NODE_OPTIONS) } };
          return original.apply(this, mended);
        }
        return original.apply(this, args);
      },
    };
    exports[name] = standsFor(named[name]!, original);
  }
}

interface SpawnOptions {
  envPairs?: string[];
  file?: unknown;
  args?: unknown[];
  cwd?: string;
}

/** An environment without the run's variables, or without NODE_OPTIONS: no preload of cowlens's is wanted there. */
function isClean(env: Env): boolean {
  return readRunConfig(env) === undefined || env.NODE_OPTIONS === undefined || env.NODE_OPTIONS.trim() === '';
}

function envOfPairs(pairs: readonly string[]): Env {
  const env: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at > 0) env[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return env;
}

/** Node's flags that take the next argument as their value. */
const FLAGS_WITH_VALUES = new Set(['-r', '--require', '--import', '--loader', '--experimental-loader', '-C', '--conditions', '--input-type', '--title']);

/**
 * The script a child runs when `start` is Node (this process's own binary, or one named `node`)
 * running a file; undefined for code given on the command line.
 */
function cleanNodeScript({ file, args, cwd }: Start): string | undefined {
  if (file !== process.execPath && !/^node(?:\.exe)?$/i.test(basename(file))) return undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (typeof arg !== 'string' || /^(?:-[ep]|-pe|--eval|--print|-)$/.test(arg) || arg.startsWith('--eval=') || arg.startsWith('--print=')) return undefined;
    if (FLAGS_WITH_VALUES.has(arg)) i++;
    else if (!arg.startsWith('-')) return resolve(cwd ?? process.cwd(), arg);
  }
  return undefined;
}
