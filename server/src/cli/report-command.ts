import picocolors from 'picocolors';
import { type BudgetOutcome, checkBudgets, formatBudgetOutcome } from '../report/budgets.js';
import { formatReport, type ReportFormat } from '../report/format-report.js';
import type { Report } from '../report/model.js';
import { readReportFile } from '../report/validate-report.js';
import type { Mode } from '../runtime/api.js';
import { runWithReport } from '../run/report-run.js';
import { ExitCode, programStatus, UserError } from './exit-codes.js';
import { ProgressLine } from './progress-line.js';
import { writeOutput } from './write-output.js';

export interface ReportCommandOptions {
  readonly mode: Mode;
  readonly format: ReportFormat;
  readonly out?: string;
  readonly include: readonly string[];
  readonly exclude: readonly string[];
  readonly timeout?: number;
  readonly maxBytesCopied?: number;
  readonly failOnHazard: boolean;
  readonly baseline?: string;
  readonly maxRegression?: number;
  readonly quiet: boolean;
  /** Keep transformed modules between runs (instrument/transform-cache.ts). */
  readonly transformCache: boolean;
  readonly version: string;
}

/**
 * `cowlens report [options] -- <command...>`: runs the command instrumented, writes the report
 * (to `--out`; without it on stderr, which is cowlens's, so the program's stdout stays its own),
 * checks the budgets, and ends with the program's status, or the budgets' when it succeeded.
 */
export async function reportCommand(command: readonly string[], options: ReportCommandOptions): Promise<number> {
  if (command.length === 0) throw new UserError('cowlens report needs a command to run, after --, for example: cowlens report -- node app.js');
  // Read the baseline first: a bad path should fail before a long run, not after it.
  const baseline = options.baseline === undefined ? undefined : readBaseline(options.baseline);
  const stderr = process.stderr;
  const color = picocolors.isColorSupported && stderr.isTTY;
  const progress = new ProgressLine(stderr);
  const { report, outcome } = await runWithReport({
    command,
    mode: options.mode,
    cwd: process.cwd(),
    include: options.include,
    exclude: options.exclude,
    version: options.version,
    transformCache: options.transformCache,
    ...(options.timeout === undefined ? {} : { timeout: options.timeout }),
    onProgress: (live) => {
      progress.update(live);
    },
  });
  progress.clear();
  if (options.out === undefined) {
    if (!options.quiet) stderr.write(formatReport(report, options.format, { color: color && options.format === 'text' }));
  } else {
    await writeOutput(options.out, formatReport(report, options.format, { color: false }));
    if (!options.quiet && options.out !== '-') {
      stderr.write(`${summaryLine(report)}; ${options.format} report written to ${options.out}\n`);
      // Warnings about the run as a whole (a test runner cowlens cannot instrument), and errors
      // that broke it (a file that no longer compiles once instrumented), must not hide in a file.
      for (const d of report.diagnostics) if (d.file === undefined || d.severity === 'error') stderr.write(`cowlens: ${d.severity}: ${d.message}\n`);
    }
  }
  const budgets = checkReportBudgets(report, options, baseline);
  if (budgets) stderr.write(`${formatBudgetOutcome(budgets, color).join('\n')}\n`);
  if (outcome.startError !== undefined) throw new UserError(`cowlens: the command did not start: ${outcome.startError}`, ExitCode.CowlensFailed);
  const status = programStatus(outcome.exitCode, outcome.signal);
  if (status !== 0) return status;
  return budgets?.failed === true ? ExitCode.BudgetFailed : ExitCode.Ok;
}

function readBaseline(path: string): Report {
  try {
    return readReportFile(path);
  } catch (error) {
    throw new UserError(`cowlens: --baseline: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function checkReportBudgets(report: Report, options: ReportCommandOptions, baseline: Report | undefined): BudgetOutcome | undefined {
  const budgets = {
    ...(options.maxBytesCopied === undefined ? {} : { maxBytesCopied: options.maxBytesCopied }),
    ...(options.failOnHazard ? { failOnHazard: true } : {}),
    ...(baseline === undefined ? {} : { baseline }),
    ...(options.maxRegression === undefined ? {} : { maxRegressionPct: options.maxRegression }),
  };
  if (Object.keys(budgets).length === 0) return undefined;
  try {
    return checkBudgets(report, budgets);
  } catch (error) {
    throw new UserError(`cowlens: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function summaryLine(report: Report): string {
  const t = report.totals;
  return `cowlens: ${String(t.sites)} copy sites, ${String(t.executions)} copies, ${String(t.materialized)} written${report.complete ? '' : ' (incomplete report)'}`;
}
