import { spawn } from 'node:child_process';

export interface CommandOutcome {
  /** The exit status, or null when the command was killed by a signal or never started. */
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly timedOut: boolean;
  /** Set when the command could not be started at all (not found, not executable). */
  readonly startError?: string;
}

export interface CommandOptions {
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  /** Seconds; the command is stopped (SIGTERM, then SIGKILL after a grace period) when it runs longer. */
  readonly timeout?: number;
  /** Milliseconds between SIGTERM and SIGKILL. */
  readonly killGraceMs?: number;
}

/**
 * Runs `command` with the terminal as its own: stdin, stdout and stderr pass through untouched.
 * SIGINT and SIGTERM sent to cowlens are passed on, so the program decides how to stop.
 */
export function runCommand(command: readonly string[], options: CommandOptions): Promise<CommandOutcome> {
  const [file, ...args] = command;
  if (file === undefined) return Promise.resolve({ exitCode: null, signal: null, timedOut: false, startError: 'no command given' });
  return new Promise((resolve) => {
    const child = spawn(file, args, { cwd: options.cwd, env: options.env, stdio: 'inherit', shell: process.platform === 'win32' });
    let timedOut = false;
    let killTimer: NodeJS.Timeout | undefined;
    const forward = (signal: NodeJS.Signals) => (): void => {
      child.kill(signal);
    };
    const onInt = forward('SIGINT');
    const onTerm = forward('SIGTERM');
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
    const timer =
      options.timeout === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            child.kill('SIGTERM');
            killTimer = setTimeout(() => child.kill('SIGKILL'), options.killGraceMs ?? 5000);
          }, options.timeout * 1000);
    const done = (outcome: CommandOutcome): void => {
      clearTimeout(timer);
      clearTimeout(killTimer);
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      resolve(outcome);
    };
    child.once('error', (error: NodeJS.ErrnoException) => {
      done({ exitCode: null, signal: null, timedOut, startError: error.code === 'ENOENT' ? `command not found: ${file}` : error.message });
    });
    child.once('exit', (exitCode, signal) => {
      done({ exitCode, signal, timedOut });
    });
  });
}
