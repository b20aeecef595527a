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
  /**
   * Bad input from the user, for every command: an unknown option, a bad value or combination, no
   * command or one that cannot be run, a baseline or merge input that is missing or invalid, a
   * scan path that does not exist.
   */
  Usage: 98,
  /** cowlens itself failed: it could not write the report, built one that fails its own schema, or met a bug. */
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
