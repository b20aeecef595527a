/**
 * The editor's runs, one at a time: starts the program instrumented with its output piped (the
 * server's own stdout may be the protocol), passes on its figures while it runs and once more when
 * it ends, and keeps the last finished report. However a run ends (a crash, a stop, a command
 * that never started, cowlens itself failing) it ends with a 'finished' snapshot.
 */
import type { Report } from '../report/model.js';
import { sortHazards, sortSites } from '../report/canonical-order.js';
import { runWithReport } from '../run/report-run.js';
import { liveFiguresOf } from './live-figures.js';
import type { CowlensSettings, RunFiguresParams, RunOutputParams, StartRunResult } from './protocol.js';
import type { RunPlan } from './run-plan.js';

/** Snapshots while a run goes: the protocol's promise to clients. */
export const PROGRESS_MS = 100;

/** A stopped program gets this long to flush its figures after SIGTERM before SIGKILL. */
const KILL_GRACE_MS = 3000;

export const STOPPED_FROM_EDITOR = 'stopped from the editor';

export interface RunSessionListener {
  /** A run is about to start: figures of earlier runs are out of date. */
  started(runId: number): void;
  figures(figures: RunFiguresParams): void;
  output(output: RunOutputParams): void;
}

interface CurrentRun {
  readonly runId: number;
  readonly stop: AbortController;
  readonly done: Promise<void>;
}

export class RunSession {
  private current: CurrentRun | undefined;
  private lastRunId = 0;
  private report: Report | undefined;

  constructor(
    private readonly listener: RunSessionListener,
    private readonly version: string,
    private readonly log: (message: string) => void,
  ) {}

  /** The report of the last run that finished, if any. */
  get lastReport(): Report | undefined {
    return this.report;
  }

  /** Starts a run, after stopping one that is going; resolves once it has started, not when it ends. */
  async start(plan: RunPlan, settings: CowlensSettings): Promise<StartRunResult> {
    await this.stop(`${STOPPED_FROM_EDITOR}: another run started`);
    const runId = ++this.lastRunId;
    const stop = new AbortController();
    this.listener.started(runId);
    const done = this.run(runId, plan, settings, stop.signal).finally(() => {
      if (this.current?.runId === runId) this.current = undefined;
    });
    this.current = { runId, stop, done };
    return { runId, command: plan.command, mode: settings.mode };
  }

  /** Stops the current run and waits for its last figures; false when nothing was running. */
  async stop(reason = STOPPED_FROM_EDITOR): Promise<boolean> {
    const current = this.current;
    if (current === undefined) return false;
    current.stop.abort(reason);
    await current.done;
    return true;
  }

  forgetReport(): void {
    this.report = undefined;
  }

  private async run(runId: number, plan: RunPlan, settings: CowlensSettings, stop: AbortSignal): Promise<void> {
    const startedAt = Date.now();
    const base = { runId, mode: settings.mode, command: plan.command };
    // The spool's poller may still deliver a snapshot after the last one is built; none may follow 'finished'.
    let ended = false;
    let last: RunFiguresParams;
    try {
      const { report } = await runWithReport({
        command: plan.command,
        mode: settings.mode,
        cwd: plan.cwd,
        include: settings.include,
        exclude: settings.exclude,
        version: this.version,
        progressMs: PROGRESS_MS,
        killGraceMs: KILL_GRACE_MS,
        stop,
        ...(settings.timeout > 0 ? { timeout: settings.timeout } : {}),
        onProgress: (live) => {
          if (ended) return;
          const figures = liveFiguresOf(sortSites(live.sites()), sortHazards(live.hazards()), plan.cwd);
          this.tell(() => {
            this.listener.figures({ ...base, state: 'running', elapsedMs: Date.now() - startedAt, ...figures });
          });
        },
        onOutput: (stream, text) => {
          this.tell(() => {
            this.listener.output({ runId, stream, text });
          });
        },
      });
      this.report = report;
      const figures = liveFiguresOf(report.sites, report.hazards, plan.cwd);
      last = { ...base, state: 'finished', elapsedMs: Date.now() - startedAt, ...figures, exitCode: report.exitCode, complete: report.complete, incomplete: report.incomplete };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.log(`cowlens: run ${String(runId)} (${plan.command.join(' ')}) failed: ${error instanceof Error ? (error.stack ?? message) : message}`);
      last = {
        ...base,
        state: 'finished',
        elapsedMs: Date.now() - startedAt,
        totals: { sites: 0, executions: 0, materialized: 0, bytesCopied: 0, bytesSaved: 0, sharedMax: 0, hazards: 0 },
        sites: [],
        hazards: [],
        exitCode: null,
        complete: false,
        incomplete: [`cowlens could not run the command: ${message}`],
      };
    }
    ended = true;
    this.tell(() => {
      this.listener.figures(last);
    });
  }

  /** A listener that throws loses its own update, never the run or the server. */
  private tell(call: () => void): void {
    try {
      call();
    } catch (error) {
      this.log(`cowlens: passing on a run's figures failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }
}
