import { type BudgetOutcome, checkBudgets, formatBudgetOutcome } from '../report/budgets.js';
import { copyCountWords } from '../report/figure-words.js';
import { formatReport, type ReportFormat } from '../report/format-report.js';
import type { FileSet } from '../analysis/file-set.js';
import { fileSetProblem } from '../analysis/file-set-problem.js';
import type { Report } from '../report/model.js';
import { printable } from '../report/printable.js';
import { checkedReport, InvalidReportError, readReportFile } from '../report/validate-report.js';
import type { RunMode } from '../runtime/api.js';
import { runWithReport } from '../run/report-run.js';
import { ExitCode, programStatus, UserError } from './exit-codes.js';
import { checkOutputPath } from './output-path.js';
import { ProgressLine } from './progress-line.js';
import { useColor } from './use-color.js';
import { writeOutput } from './write-output.js';

export interface ReportCommandOptions {
  readonly mode: RunMode;
  readonly format: ReportFormat;
  readonly out?: string;
  readonly files: FileSet;
  readonly timeout?: number;
  readonly maxBytesCopied?: number;
  readonly failOnHazard: boolean;
  readonly baseline?: string;
  readonly maxRegression?: number;
  readonly maxFileSize: number;
  readonly quiet: boolean;
  /** Keep transformed modules between runs (instrument/transform-cache.ts). */
  readonly transformCache: boolean;
  readonly version: string;
}

/** A command that names no program that can be run is the user's to fix, not cowlens's failure. */
const UNRUNNABLE = new Set(['ENOENT', 'EACCES', 'ENOTDIR', 'ENOEXEC']);

/**
 * `cowlens report [options] -- <command...>`: runs the command instrumented, writes the report
 * (to `--out`; without it on stderr, which is cowlens's, so the program's stdout stays its own),
 * checks the budgets, and ends with the program's status when it failed, else the budgets' or
 * cowlens's own. Every option is checked before the command starts: a mistake in one must not
 * cost a long run, nor hide the program's status behind a usage error.
 */
export async function reportCommand(command: readonly string[], options: ReportCommandOptions): Promise<number> {
  if (command.length === 0) throw new UserError('cowlens report needs a command to run, after --, for example: cowlens report -- node app.js');
  if (options.maxRegression !== undefined && options.baseline === undefined) {
    throw new UserError('cowlens: --max-regression needs --baseline <report.json>, the earlier report to compare with.');
  }
  const fileProblem = fileSetProblem(options.files, (option) => `--${option}`);
  if (fileProblem !== undefined) throw new UserError(`cowlens: ${fileProblem}`);
  const baseline = options.baseline === undefined ? undefined : readBaseline(options.baseline, options.mode);
  if (options.out !== undefined) checkOutputPath(options.out);
  const stderr = process.stderr;
  const color = useColor(stderr);
  const progress = new ProgressLine(stderr, options.mode);
  const { report, outcome } = await runWithReport({
    command,
    mode: options.mode,
    cwd: process.cwd(),
    files: options.files,
    maxFileSize: options.maxFileSize,
    transformCache: options.transformCache,
    version: options.version,
    ...(options.timeout === undefined ? {} : { timeout: options.timeout }),
    onProgress: (live) => {
      progress.update(live);
    },
  });
  progress.clear();
  const written = await writeReport(report, options, color);
  const budgets = checkReportBudgets(report, options, baseline);
  if (budgets) stderr.write(`${formatBudgetOutcome(budgets, color).join('\n')}\n`);
  if (outcome.startError !== undefined) {
    const unrunnable = outcome.startErrorCode !== undefined && UNRUNNABLE.has(outcome.startErrorCode);
    stderr.write(`cowlens: the command did not start: ${printable(outcome.startError)}\n`);
    return unrunnable ? ExitCode.Usage : ExitCode.CowlensFailed;
  }
  const status = programStatus(outcome.exitCode, outcome.signal);
  if (status !== 0) return status;
  if (!written) return ExitCode.CowlensFailed;
  return budgets?.failed === true ? ExitCode.BudgetFailed : ExitCode.Ok;
}

/**
 * Writes the report where it was asked for; false when it could not be written, which stderr
 * then says (with where): the caller's status decides what that failure weighs against the
 * program's own.
 */
async function writeReport(report: Report, options: ReportCommandOptions, color: boolean): Promise<boolean> {
  const stderr = process.stderr;
  let checked: Report;
  try {
    checked = checkedReport(report);
  } catch (error) {
    if (!(error instanceof InvalidReportError)) throw error;
    stderr.write(`cowlens: ${error.message}\nA program of the run may have written into cowlens's spool directory; please report it with the command you ran if not.\n`);
    return false;
  }
  if (options.out === undefined) {
    if (!options.quiet) stderr.write(formatReport(checked, options.format, { color: color && options.format === 'text' }));
    return true;
  }
  try {
    await writeOutput(options.out, formatReport(checked, options.format, { color: false }));
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    stderr.write(`${error.message}\ncowlens: the ${options.format} report was not written.\n`);
    return false;
  }
  if (!options.quiet && options.out !== '-') {
    stderr.write(`${summaryLine(checked)}; ${options.format} report written to ${printable(options.out)}\n`);
    // Warnings about the run as a whole (a test runner cowlens cannot instrument), and errors
    // that broke it (a file that no longer compiles once instrumented), must not hide in a file.
    for (const d of checked.diagnostics) if (d.file === undefined || d.severity === 'error') stderr.write(`cowlens: ${d.severity}: ${printable(d.message)}\n`);
  }
  return true;
}

/** The baseline, read before the run: a bad path, or one of another mode, fails before a long run, not after it. */
function readBaseline(path: string, mode: RunMode): Report {
  let baseline: Report;
  try {
    baseline = readReportFile(path);
  } catch (error) {
    throw new UserError(`cowlens: --baseline: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (baseline.mode !== mode) {
    throw new UserError(
      `cowlens: --baseline: ${printable(path)} was written in ${baseline.mode} mode and this run is in ${mode} mode: their bytes copied cannot be compared. Use a baseline written with --mode ${mode}.`,
    );
  }
  return baseline;
}

function checkReportBudgets(report: Report, options: ReportCommandOptions, baseline: Report | undefined): BudgetOutcome | undefined {
  const budgets = {
    ...(options.maxBytesCopied === undefined ? {} : { maxBytesCopied: options.maxBytesCopied }),
    ...(options.failOnHazard ? { failOnHazard: true } : {}),
    ...(baseline === undefined ? {} : { baseline }),
    ...(options.maxRegression === undefined ? {} : { maxRegressionPct: options.maxRegression }),
  };
  if (Object.keys(budgets).length === 0) return undefined;
  return checkBudgets(report, budgets);
}

function summaryLine(report: Report): string {
  const t = report.totals;
  return `cowlens: ${String(t.sites)} copy sites, ${copyCountWords(t).join(', ')}${report.complete ? '' : ' (incomplete report)'}`;
}
