import { constants } from 'node:os';

/**
 * How `cowlens` ends. When the program fails, its own status is passed on (128 + the signal
 * number when a signal killed it), so `cowlens report -- npm test` fails exactly when `npm test`
 * does. The statuses of cowlens itself are high and rare, so they do not pass for a program's.
 */
export const ExitCode = {
  Ok: 0,
  /** The program succeeded but a budget (`--max-bytes-copied`, `--fail-on-hazard`, `--max-regression`) failed. */
  BudgetFailed: 97,
  /** The command line was wrong: an unknown option, a bad value, no command. */
  Usage: 98,
  /** cowlens itself failed: it could not start the run, read a file, or write the report. */
  CowlensFailed: 99,
} as const;

/** The status a shell would give a program that ended this way. */
export function programStatus(exitCode: number | null, signal: string | null): number {
  if (exitCode !== null) return exitCode;
  if (signal !== null) return 128 + ((constants.signals as Readonly<Record<string, number | undefined>>)[signal] ?? 0);
  return ExitCode.CowlensFailed;
}

/** An error meant for the user: its message says what went wrong and what to do; no stack trace. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = ExitCode.Usage,
  ) {
    super(message);
  }
}
