/**
 * The cowlens extensions to LSP: the one module of types and message names that the language
 * server and the VS Code client share. Everything else between them is standard LSP (code lenses,
 * inlay hints, hovers, code actions, diagnostics and their refresh requests), so any LSP client
 * gets the static sites and, after a run, its figures; these messages add starting and stopping
 * runs and the live figures a client draws while the program runs.
 */
import { NotificationType, RequestType, RequestType0 } from 'vscode-languageserver-protocol';
import type { CopyPointReport, HazardReport, RunMode, SiteReport, Totals } from '../report/model.js';
import type { FigurePlacement } from './figure-placement.js';

export type { RunMode };
export type ReportFormat = 'text' | 'json' | 'sarif' | 'markdown';

/**
 * What the client tells the server at start-up (`initializationOptions`). A client that draws
 * the live figures itself (the VS Code client, with decorations) says so, and the server then
 * leaves figures out of its inlay hints and code lenses instead of showing them twice.
 */
export interface CowlensInitializationOptions {
  readonly liveDecorations?: boolean;
  /**
   * Where the server puts a site's figures, each in one place: `endOfLine` in the site's inlay
   * hint, `codeLens` in a code lens on its line, `auto` in the hint unless the line and its figures
   * would pass column 120, then in the lens. Without it: `auto` for a client that declares both
   * inlay hints and code lenses, else the one of the two it declares.
   */
  readonly figurePlacement?: FigurePlacement;
}

/**
 * The `cowlens` configuration section, read by the server with `workspace/configuration`
 * (every field optional: a client without configuration gets the defaults).
 */
export interface CowlensSettings {
  readonly mode: RunMode;
  /** The command `Run tests` runs, as one shell-style string (`npm test`). */
  readonly testCommand: string;
  /** The file `Run entry` runs with node, relative to the workspace folder. */
  readonly entry: string;
  /** The files a run instruments, as `--only`, `--include` and `--exclude` say them (instrument-filter.ts). */
  readonly only: readonly string[];
  readonly include: readonly string[];
  readonly exclude: readonly string[];
  /** Seconds after which a run is stopped and reported as incomplete; 0 for none. */
  readonly timeout: number;
  /** Sites that copy at least this many bytes are highlighted as waste. */
  readonly highlightBytes: number;
  readonly budgets: {
    /** A site copying more bytes than this gets a diagnostic; 0 for no budget. */
    readonly maxBytesCopiedPerSite: number;
    /** Hazards become warnings on their sites. */
    readonly hazardsAsDiagnostics: boolean;
  };
}

/** What to run. `file` runs one document with node; `entry` the configured entry; `tests` the test command. */
export type RunTarget = { readonly kind: 'file'; readonly uri: string } | { readonly kind: 'entry' } | { readonly kind: 'tests' };

export interface StartRunParams {
  readonly target: RunTarget;
  /** The workspace folder to run in; the first folder when absent. */
  readonly folderUri?: string;
}

export interface StartRunResult {
  readonly runId: number;
  readonly command: readonly string[];
  readonly mode: RunMode;
}

/** Starts a run (stopping one that is going). Fails with a message for people when it cannot start. */
export const StartRunRequest = new RequestType<StartRunParams, StartRunResult, void>('cowlens/startRun');

export interface PrepareRunParams {
  /** What the report and the panel name as the run's command: the program the debugger will launch. */
  readonly command: readonly string[];
  /** The workspace folder the program belongs to (its files are instrumented relative to it); the first folder when absent. */
  readonly folderUri?: string;
}

export interface PrepareRunResult {
  readonly runId: number;
  readonly mode: RunMode;
  /**
   * The environment the run's processes need: cowlens's variables and a NODE_OPTIONS holding only
   * the `--require` of its preload (put the user's own options after it). Every Node process started
   * with it, and every process those start, reports to this run.
   */
  readonly env: Readonly<Record<string, string>>;
}

/**
 * Starts a run that the server does not launch (stopping one that is going): someone else, a
 * debugger, starts the program with the returned environment. The server follows its figures and
 * sends them as `cowlens/runFigures` (with `attached: true`) like any run's, until `cowlens/endRun`.
 */
export const PrepareRunRequest = new RequestType<PrepareRunParams, PrepareRunResult, void>('cowlens/prepareRun');

export interface EndRunParams {
  readonly runId: number;
}

/**
 * The program of a prepared run has ended (its debug session ended): the server reads its last
 * figures, sends them as 'finished' and keeps the report. Resolves false when that run was no longer
 * going (another run replaced it). `cowlens/stopRun` ends a prepared run too, as stopped.
 */
export const EndRunRequest = new RequestType<EndRunParams, boolean, void>('cowlens/endRun');

/** Stops the current run, if any; its report is still built from what it gathered. Resolves true if a run was stopped. */
export const StopRunRequest = new RequestType0<boolean, void>('cowlens/stopRun');

/** Forgets the figures of the last run: hints, lenses, diagnostics and decorations go back to static. */
export const ClearFiguresRequest = new RequestType0<void, void>('cowlens/clearFigures');

export interface ReportParams {
  readonly format: ReportFormat;
}

/** The last finished run's report in a format, or null when there is none yet. */
export const ReportRequest = new RequestType<ReportParams, string | null, void>('cowlens/report');

/**
 * The report's records as the protocol carries them: a `file://` URI in place of the file
 * relative to the run's folder; lines and columns 1-based as in the report. A place in code
 * cowlens did not instrument has no URI (`''`) and line 0.
 */
export type WithUri<T> = Omit<T, 'file'> & { readonly uri: string };
export type LiveCopyPoint = WithUri<CopyPointReport>;
export type LiveSite = WithUri<Omit<SiteReport, 'copyPoints'>> & { readonly copyPoints: readonly LiveCopyPoint[] };
export type LiveHazard = WithUri<HazardReport>;
export type LiveTotals = Totals;

export type RunState = 'running' | 'finished';

/**
 * The figures of a run so far: sent when they change while it runs, at most every 100 ms (less
 * often for runs with many sites: once a second from 10,000), and once more when it ends
 * (`state: 'finished'`). Each notification holds all the figures, so a client that missed one
 * loses nothing.
 */
export interface RunFiguresParams {
  readonly runId: number;
  readonly state: RunState;
  readonly mode: RunMode;
  readonly command: readonly string[];
  /** Milliseconds since the run started. */
  readonly elapsedMs: number;
  readonly totals: LiveTotals;
  readonly sites: readonly LiveSite[];
  readonly hazards: readonly LiveHazard[];
  /** The run follows a program the server did not start (`cowlens/prepareRun`): it has no output and no exit status. */
  readonly attached?: boolean;
  /** Only when finished: the program's exit status (null when killed, never started, or the run was attached). */
  readonly exitCode?: number | null;
  /** Only when finished: the signal that killed the program, if one did. */
  readonly signal?: string | null;
  /** Only when finished: the run was stopped (from the editor, or by another run), not ended by its program. */
  readonly stopped?: boolean;
  /** Only when finished: whether figures may be missing, and why. */
  readonly complete?: boolean;
  readonly incomplete?: readonly string[];
}

export const RunFiguresNotification = new NotificationType<RunFiguresParams>('cowlens/runFigures');

export interface RunOutputParams {
  readonly runId: number;
  readonly stream: 'stdout' | 'stderr';
  readonly text: string;
}

/** What the program printed, passed on as it comes, for the client's output channel. */
export const RunOutputNotification = new NotificationType<RunOutputParams>('cowlens/runOutput');
