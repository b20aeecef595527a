import { FigureOverflowError } from '../report/exact-sum.js';
import { formatReport, type ReportFormat } from '../report/format-report.js';
import { mergeReports } from '../report/merge-reports.js';
import type { Report } from '../report/model.js';
import { checkedReport, InvalidReportError, readReportFile } from '../report/validate-report.js';
import { ExitCode, UserError } from './exit-codes.js';
import { checkOutputPath } from './output-path.js';
import { writeOutput } from './write-output.js';

/**
 * `cowlens merge a.json b.json ...`: one report from the reports of CI shards. Reports that cannot
 * be read, are not cowlens reports, cannot be merged (modes differ) or whose figures add up past
 * what a report carries exactly are the user's input to fix: usage status, and nothing written.
 */
export async function mergeCommand(paths: readonly string[], options: { format: ReportFormat; out: string }): Promise<number> {
  checkOutputPath(options.out);
  const reports: Report[] = paths.map((path) => {
    try {
      return readReportFile(path);
    } catch (error) {
      throw new UserError(`cowlens merge: ${(error as Error).message}`);
    }
  });
  let merged: Report;
  try {
    merged = checkedReport(mergeReports(reports));
  } catch (error) {
    if (error instanceof FigureOverflowError) throw new UserError(`cowlens merge: these reports cannot be merged: ${error.message}.`);
    if (error instanceof InvalidReportError) throw new UserError(`cowlens merge: these reports cannot be merged: ${error.message}`);
    throw new UserError(`cowlens merge: ${(error as Error).message}`);
  }
  await writeOutput(options.out, formatReport(merged, options.format, { color: false }));
  return ExitCode.Ok;
}
