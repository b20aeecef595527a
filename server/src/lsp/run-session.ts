/**
 * The editor's runs, one at a time: either the server starts the program instrumented with its
 * output piped (the server's own stdout may be the protocol), or it prepares a run that someone
 * else starts (a debugger, with the environment the run hands out) and follows it until told the
 * program ended. Either way it passes on the figures while the run goes and once more when it
 * ends, and keeps the last finished report. However a run ends (a crash, a stop, a command that
 * never started, cowlens itself failing) it ends with a 'finished' snapshot.
 */
import type { Report } from '../report/model.js';
import { sortHazards, sortSites } from '../report/canonical-order.js';
import type { CommandOutcome } from '../run/run-command.js';
import type { RunAggregate } from '../run/run-aggregate.js';
import { type FollowRunOptions, followRun, type ReportRun, type RunEnvironment, runWithReport } from '../run/report-run.js';
import { liveFiguresOf } from './live-figures.js';
import type { CowlensSettings, PrepareRunResult, RunFiguresParams, RunOutputParams, StartRunResult } from './protocol.js';
import type { RunPlan } from './run-plan.js';
import { PROGRESS_MS, snapshotIntervalMs } from './snapshot-pacing.js';
import { latestWins } from './throttle.js';

/**
 * A stopped program gets this long after SIGTERM before SIGKILL: one with a SIGTERM handler of its
 * own may use it to finish; one without dies at once, with the figures it flushed last.
 */
const KILL_GRACE_MS = 3000;

export const STOPPED_FROM_EDITOR = 'stopped from the editor';

export interface RunSessionListener {
  /** A run is about to start: figures of earlier runs are out of date. */
  started(runId: number): void;
  figures(figures: RunFiguresParams): void;
  output(output: RunOutputParams): void;
}

/** Why an attached run ends when its program ended: not a stop, so the report says nothing about it. */
const PROGRAM_ENDED = Symbol('the program ended');

interface CurrentRun {
  readonly runId: number;
  readonly attached: boolean;
  readonly stop: AbortController;
  /** Resolves once the run's last figures are sent: to the reason cowlens itself failed, if it did. */
  readonly done: Promise<string | undefined>;
}

/** How a run's processes come to be: started here with `followRun`'s options, or by someone else. */
type Follow = (options: FollowRunOptions) => Promise<ReportRun>;

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
    const { runId } = await this.begin(plan, settings, false, (stop) => (options) =>
      runWithReport({
        ...options,
        killGraceMs: KILL_GRACE_MS,
        stop,
        ...(settings.timeout > 0 ? { timeout: settings.timeout } : {}),
        onOutput: (stream, text) => {
          this.tell(() => {
            this.listener.output({ runId, stream, text });
          });
        },
      }),
    );
    return { runId, command: plan.command, mode: settings.mode };
  }

  /**
   * Prepares a run whose program someone else starts (after stopping one that is going), and
   * resolves to the environment that program needs. The run goes on until `end` (its program
   * ended) or `stop`. No timeout applies: a debugged program may sit at a breakpoint for an hour.
   */
  async prepare(plan: RunPlan, settings: CowlensSettings): Promise<PrepareRunResult> {
    let ready: (env: RunEnvironment) => void = () => undefined;
    const env = new Promise<RunEnvironment>((resolve) => {
      ready = resolve;
    });
    const { runId, done } = await this.begin(plan, settings, true, (stop) => (options) =>
      followRun(options, (runEnv) => {
        ready(runEnv);
        return untilEnded(stop);
      }),
    );
    // The environment comes once the spool exists; a run that ends before (no spool) failed.
    const prepared = await Promise.race([env, done]);
    if (typeof prepared === 'object') return { runId, mode: settings.mode, env: prepared };
    throw new Error(`cowlens could not prepare the run: ${prepared ?? 'it ended before it started'}`);
  }

  /** The program of the prepared run `runId` ended: finish the run with its last figures. False when that run is not going. */
  async end(runId: number): Promise<boolean> {
    const current = this.current;
    if (current?.runId !== runId || !current.attached) return false;
    current.stop.abort(PROGRAM_ENDED);
    await current.done;
    return true;
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

  private async begin(plan: RunPlan, settings: CowlensSettings, attached: boolean, follow: (stop: AbortSignal) => Follow): Promise<CurrentRun> {
    await this.stop(`${STOPPED_FROM_EDITOR}: another run started`);
    const runId = ++this.lastRunId;
    const stop = new AbortController();
    this.listener.started(runId);
    const done = this.run(runId, plan, settings, attached, follow(stop.signal), stop.signal).finally(() => {
      if (this.current?.runId === runId) this.current = undefined;
    });
    this.current = { runId, attached, stop, done };
    return this.current;
  }

  private async run(runId: number, plan: RunPlan, settings: CowlensSettings, attached: boolean, follow: Follow, stop: AbortSignal): Promise<string | undefined> {
    const startedAt = Date.now();
    const base = { runId, mode: settings.mode, command: plan.command, ...(attached ? { attached } : {}) };
    // The spool's poller may still deliver a snapshot after the last one is built; none may follow 'finished'.
    let ended = false;
    let last: RunFiguresParams;
    let failure: string | undefined;
    // A snapshot's size sets the interval before the next one (see snapshot-pacing.ts).
    let sitesSent = 0;
    const pacer = latestWins<RunAggregate>(
      (live) => {
        const figures = liveFiguresOf(sortSites(live.sites()), sortHazards(live.hazards()), plan.cwd);
        sitesSent = figures.sites.length;
        this.tell(() => {
          this.listener.figures({ ...base, state: 'running', elapsedMs: Date.now() - startedAt, ...figures });
        });
      },
      () => snapshotIntervalMs(sitesSent),
    );
    try {
      const { report } = await follow({
        command: plan.command,
        mode: settings.mode,
        cwd: plan.cwd,
        files: { only: settings.only, include: settings.include, exclude: settings.exclude },
        version: this.version,
        progressMs: PROGRESS_MS,
        onProgress: (live) => {
          if (!ended) pacer.offer(() => live);
        },
      });
      this.report = report;
      const figures = liveFiguresOf(report.sites, report.hazards, plan.cwd);
      const stopped = stop.aborted && stop.reason !== PROGRAM_ENDED;
      last = {
        ...base,
        state: 'finished',
        elapsedMs: Date.now() - startedAt,
        ...figures,
        exitCode: report.exitCode,
        signal: report.signal,
        ...(stopped ? { stopped } : {}),
        complete: report.complete,
        incomplete: report.incomplete,
      };
    } catch (error) {
      failure = error instanceof Error ? error.message : String(error);
      this.log(`cowlens: run ${String(runId)} (${plan.command.join(' ')}) failed: ${error instanceof Error ? (error.stack ?? failure) : failure}`);
      last = {
        ...base,
        state: 'finished',
        elapsedMs: Date.now() - startedAt,
        ...liveFiguresOf([], [], plan.cwd),
        exitCode: null,
        complete: false,
        incomplete: [`cowlens could not run the command: ${failure}`],
      };
    }
    ended = true;
    pacer.cancel();
    this.tell(() => {
      this.listener.figures(last);
    });
    return failure;
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

/**
 * An attached run's outcome, once it ends. Its program's exit status is the debugger's to know, not
 * ours; a run stopped while its program goes on says so, since the figures then stop short.
 */
function untilEnded(stop: AbortSignal): Promise<CommandOutcome> {
  return new Promise((resolve) => {
    const ended = (): void => {
      const reason: unknown = stop.reason;
      const because = reason === PROGRAM_ENDED ? {} : { stoppedBecause: `no longer followed (${typeof reason === 'string' ? reason : 'stopped'}); figures after that are not counted` };
      resolve({ exitCode: null, signal: null, timedOut: false, ...because });
    };
    if (stop.aborted) ended();
    else stop.addEventListener('abort', ended, { once: true });
  });
}
