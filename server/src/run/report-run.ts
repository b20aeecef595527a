import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Mode } from '../runtime/api.js';
import type { Report } from '../report/model.js';
import { runConfigEnv } from '../instrument/hooks/run-config.js';
import { buildReport } from './build-report.js';
import { nodeOptionsWithCowlens } from './node-options.js';
import { RunAggregate } from './run-aggregate.js';
import { type CommandOutcome, type OutputStream, runCommand } from './run-command.js';
import { SpoolReader } from './spool-reader.js';

export interface ReportRunOptions {
  readonly command: readonly string[];
  readonly mode: Mode;
  readonly cwd: string;
  readonly include: readonly string[];
  readonly exclude: readonly string[];
  /** Seconds. */
  readonly timeout?: number;
  /** Called with the figures so far whenever they change, at most every `progressMs`. */
  readonly onProgress?: (live: RunAggregate) => void;
  readonly progressMs?: number;
  readonly version: string;
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
 * Runs a command with every Node process it starts instrumented, follows the figures they send
 * while it runs, and builds the report when it ends, however it ends: a crash, a kill or a
 * timeout still gives the figures flushed so far, marked incomplete.
 */
export async function runWithReport(options: ReportRunOptions): Promise<ReportRun> {
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
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...runConfigEnv({ spool, mode: options.mode, root: options.cwd, include: options.include, exclude: options.exclude }),
    NODE_OPTIONS: nodeOptionsWithCowlens(process.env.NODE_OPTIONS),
  };
  const poller = setInterval(() => {
    void reader.poll().then(() => {
      if (live.takeChanged()) options.onProgress?.(live);
    });
  }, options.progressMs ?? 250);
  try {
    const outcome = await runCommand(options.command, {
      env,
      cwd: options.cwd,
      ...(options.timeout === undefined ? {} : { timeout: options.timeout }),
      ...(options.onOutput === undefined ? {} : { onOutput: options.onOutput }),
      ...(options.stop === undefined ? {} : { stop: options.stop }),
      ...(options.killGraceMs === undefined ? {} : { killGraceMs: options.killGraceMs }),
    });
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
