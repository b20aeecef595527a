import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { signals } from 'signal-exit/signals';

export interface CommandOutcome {
  /** The exit status, or null when the command was killed by a signal or never started. */
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly timedOut: boolean;
  /** Set when the command could not be started at all (not found, not executable). */
  readonly startError?: string;
  /** The system's code for `startError` (`ENOENT`, `EACCES`), when it has one. */
  readonly startErrorCode?: string;
  /** Set when the command was stopped through `CommandOptions.stop`: the reason given there. */
  readonly stoppedBecause?: string;
  /** The process started for the command (a shell's on Windows), when it started. */
  readonly pid?: number;
}

/** How long piped output may trail the program's exit. */
const OUTPUT_DRAIN_MS = 200;

export type OutputStream = 'stdout' | 'stderr';

export interface CommandOptions {
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  /** Seconds; the command is stopped (SIGTERM, then SIGKILL after a grace period) when it runs longer. */
  readonly timeout?: number;
  /** Milliseconds between SIGTERM and SIGKILL. */
  readonly killGraceMs?: number;
  /**
   * When given, the program's output comes here instead of the terminal, and it gets no stdin:
   * for a caller whose own stdio is taken (a language server speaking over stdio).
   */
  readonly onOutput?: (stream: OutputStream, text: string) => void;
  /** Aborting stops the command the way a timeout does; the abort's reason (a string) says why, for people. */
  readonly stop?: AbortSignal;
}

/** The signals that end a process unless it listens (signal-exit's list), one name per number (SIGIOT is SIGABRT on Linux). */
const FORWARDED_SIGNALS = [...new Map(signals.map((name) => [(constants.signals as Record<string, number | undefined>)[name] ?? name, name])).values()];

/**
 * Runs `command` with the terminal as its own: stdin, stdout and stderr pass through untouched
 * (unless `onOutput` takes the output). The signals sent to cowlens that would end it are passed
 * on, so the program decides how to stop.
 */
export function runCommand(command: readonly string[], options: CommandOptions): Promise<CommandOutcome> {
  const [file, ...args] = command;
  if (file === undefined) return Promise.resolve({ exitCode: null, signal: null, timedOut: false, startError: 'no command given' });
  const piped = options.onOutput !== undefined;
  // A piped command gets a process group of its own, so stopping it also stops what it started
  // (`npm test` and its node): nobody at a terminal is there to press Ctrl-C for the rest.
  const ownGroup = piped && process.platform !== 'win32';
  return new Promise((resolve) => {
    const child = spawn(file, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: piped ? ['ignore', 'pipe', 'pipe'] : 'inherit',
      shell: process.platform === 'win32',
      detached: ownGroup,
    });
    if (options.onOutput !== undefined) {
      const onOutput = options.onOutput;
      child.stdout?.setEncoding('utf8').on('data', (text: string) => {
        onOutput('stdout', text);
      });
      child.stderr?.setEncoding('utf8').on('data', (text: string) => {
        onOutput('stderr', text);
      });
    }
    let timedOut = false;
    let stoppedBecause: string | undefined;
    let killTimer: NodeJS.Timeout | undefined;
    const kill = (signal: NodeJS.Signals): void => {
      try {
        if (ownGroup && child.pid !== undefined) process.kill(-child.pid, signal);
        else child.kill(signal);
      } catch {
        // The process (group) is already gone.
      }
    };
    const terminate = (): void => {
      kill('SIGTERM');
      killTimer ??= setTimeout(() => {
        kill('SIGKILL');
      }, options.killGraceMs ?? 5000);
    };
    // Every signal that would end cowlens goes to the program instead, so that a supervisor's
    // SIGHUP or SIGUSR2 (reload) reaches it as it would without cowlens, and cowlens stays to
    // report however the program then ends.
    const forwarded = FORWARDED_SIGNALS.map((signal) => [signal, (): void => { kill(signal); }] as const);
    for (const [signal, forward] of forwarded) {
      try {
        process.on(signal, forward);
      } catch {
        // A signal this platform cannot listen for cannot reach cowlens either.
      }
    }
    const onStop = (): void => {
      const reason: unknown = options.stop?.reason;
      stoppedBecause = typeof reason === 'string' ? reason : 'stopped';
      terminate();
    };
    if (options.stop?.aborted === true) onStop();
    else options.stop?.addEventListener('abort', onStop, { once: true });
    const timer =
      options.timeout === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            terminate();
          }, options.timeout * 1000);
    const done = (outcome: CommandOutcome): void => {
      clearTimeout(timer);
      clearTimeout(killTimer);
      for (const [signal, forward] of forwarded) process.off(signal, forward);
      options.stop?.removeEventListener('abort', onStop);
      const started = child.pid === undefined ? outcome : { ...outcome, pid: child.pid };
      resolve(stoppedBecause === undefined ? started : { ...started, stoppedBecause });
    };
    child.once('error', (error: NodeJS.ErrnoException) => {
      done({
        exitCode: null,
        signal: null,
        timedOut,
        startError: error.code === 'ENOENT' ? `command not found: ${file}` : error.message,
        ...(error.code === undefined ? {} : { startErrorCode: error.code }),
      });
    });
    child.once('exit', (exitCode, signal) => {
      if (!piped) {
        done({ exitCode, signal, timedOut });
        return;
      }
      // The last output can still be in the pipes at exit; a process the program left behind may
      // hold them open for good, so wait for their end only briefly.
      const drained = [child.stdout, child.stderr].map((stream) => (stream === null || stream.readableEnded ? Promise.resolve() : new Promise<void>((ended) => stream.once('end', ended))));
      const grace = new Promise<void>((elapsed) => setTimeout(elapsed, OUTPUT_DRAIN_MS).unref());
      void Promise.race([Promise.all(drained), grace]).then(() => {
        done({ exitCode, signal, timedOut });
      });
    });
  });
}
