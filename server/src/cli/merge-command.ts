import { formatReport, type ReportFormat } from '../report/format-report.js';
import { mergeReports } from '../report/merge-reports.js';
import type { Report } from '../report/model.js';
import { readReportFile } from '../report/validate-report.js';
import { ExitCode, UserError } from './exit-codes.js';
import { writeOutput } from './write-output.js';

/** `cowlens merge a.json b.json ...`: one report from the reports of CI shards. */
export async function mergeCommand(paths: readonly string[], options: { format: ReportFormat; out: string }): Promise<number> {
  const reports: Report[] = paths.map((path) => {
    try {
      return readReportFile(path);
    } catch (error) {
      throw new UserError(`cowlens merge: ${(error as Error).message}`, ExitCode.CowlensFailed);
    }
  });
  let merged: Report;
  try {
    merged = mergeReports(reports);
  } catch (error) {
    throw new UserError(`cowlens merge: ${(error as Error).message}`, ExitCode.CowlensFailed);
  }
  await writeOutput(options.out, formatReport(merged, options.format, { color: false }));
  return ExitCode.Ok;
}
