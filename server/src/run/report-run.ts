import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunMode } from '../runtime/api.js';
import { DEFAULT_MAX_FILE_SIZE } from '../analysis/read-source-file.js';
import type { Report } from '../report/model.js';
import { runConfigEnv } from '../instrument/hooks/run-config.js';
import type { FileSet } from '../analysis/file-set.js';
import { buildReport } from './build-report.js';
import { nodeOptionsWithCowlens } from './node-options.js';
import { RunAggregate } from './run-aggregate.js';
import { type CommandOutcome, type OutputStream, runCommand } from './run-command.js';
import { SpoolReader } from './spool-reader.js';
import { transformCacheFolder } from './transform-cache-folder.js';

export interface FollowRunOptions {
  /** What the report names as the run's command. */
  readonly command: readonly string[];
  readonly mode: RunMode;
  /** The folder the run's files are instrumented and reported relative to. */
  readonly cwd: string;
  /** The files to instrument (instrument-filter.ts); its globs are relative to `cwd`. */
  readonly files: FileSet;
  /** Larger files run as written, uninstrumented, with a diagnostic; `DEFAULT_MAX_FILE_SIZE` when not given. */
  readonly maxFileSize?: number;
  /** Seconds; only said in the report when the run timed out. */
  readonly timeout?: number;
  /** Called with the figures so far whenever they change, at most every `progressMs`. */
  readonly onProgress?: (live: RunAggregate) => void;
  readonly progressMs?: number;
  readonly version: string;
  /** Keep transformed modules between runs (instrument/transform-cache.ts); on unless false. */
  readonly transformCache?: boolean;
}

export interface ReportRunOptions extends FollowRunOptions {
  /** Takes the program's output instead of the terminal (see `CommandOptions.onOutput`). */
  readonly onOutput?: (stream: OutputStream, text: string) => void;
  /** Stops the command; the abort's reason is the report's incomplete reason. */
  readonly stop?: AbortSignal;
  /** Milliseconds between SIGTERM and SIGKILL when the command is stopped. */
  readonly killGraceMs?: number;
}

export interface ReportRun {
  readonly report: Report;
  readonly outcome: CommandOutcome;
}

/**
 * What a Node process needs in its environment to report to a run: where the spool is, the mode
 * and the files to instrument, and NODE_OPTIONS holding only cowlens's preload (whoever starts the
 * process puts the user's own options after it).
 */
export type RunEnvironment = Readonly<Record<string, string>>;

/**
 * Follows a run's spool directory while `whileRunning` lasts, and builds the report when it
 * resolves, with the outcome it resolves to: a crash, a kill or a timeout still gives the figures
 * flushed so far, marked incomplete. `whileRunning` gets the environment the run's processes need;
 * it may start them itself (`runWithReport`) or hand the environment to someone who does (a
 * debugger) and wait for them to end.
 */
export async function followRun(options: FollowRunOptions, whileRunning: (env: RunEnvironment) => Promise<CommandOutcome>): Promise<ReportRun> {
  const started = Date.now();
  const spool = await mkdtemp(join(tmpdir(), 'cowlens-'));
  const live = new RunAggregate(options.cwd);
  const reader = new SpoolReader(
    spool,
    (stream, record) => {
      live.add(stream, record);
    },
    (stream) => {
      live.diagnose({ severity: 'warning', message: `a record of ${stream} was cut short (its process ended in the middle of a write); it was skipped` });
    },
  );
  const env: RunEnvironment = {
    ...runConfigEnv({
      spool,
      mode: options.mode,
      root: options.cwd,
      ...options.files,
      maxFileSize: options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE,
      ...(options.transformCache === false ? {} : { transformCache: transformCacheFolder(options.cwd) }),
    }),
    NODE_OPTIONS: nodeOptionsWithCowlens(undefined),
  };
  const poller = setInterval(() => {
    void reader.poll().then(() => {
      if (live.takeChanged()) options.onProgress?.(live);
    });
  }, options.progressMs ?? 250);
  try {
    const outcome = await whileRunning(env);
    clearInterval(poller);
    await reader.poll();
    reader.finish();
    const report = buildReport(live, outcome, { command: options.command, mode: options.mode, startedAt: started, durationMs: Date.now() - started, version: options.version, timeout: options.timeout });
    return { report, outcome };
  } finally {
    clearInterval(poller);
    await rm(spool, { recursive: true, force: true });
  }
}

/** Runs a command with every Node process it starts instrumented, and reports on it (see `followRun`). */
export function runWithReport(options: ReportRunOptions): Promise<ReportRun> {
  return followRun(options, (env) =>
    runCommand(options.command, {
      env: { ...process.env, ...env, NODE_OPTIONS: nodeOptionsWithCowlens(process.env.NODE_OPTIONS) },
      cwd: options.cwd,
      ...(options.timeout === undefined ? {} : { timeout: options.timeout }),
      ...(options.onOutput === undefined ? {} : { onOutput: options.onOutput }),
      ...(options.stop === undefined ? {} : { stop: options.stop }),
      ...(options.killGraceMs === undefined ? {} : { killGraceMs: options.killGraceMs }),
    }),
  );
}
