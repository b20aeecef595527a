import { type Diagnostic, type Place, type Report, UNINSTRUMENTED_FILE } from './model.js';
import { printable } from './printable.js';

/**
 * The words every format uses for places and runs, so the terminal, markdown and SARIF agree. File
 * names and commands come from the user's project: their control characters are escaped.
 */

/** `src/store.ts:42:17`; a write from uninstrumented code has no place to give. */
export function placeLabel(place: Place): string {
  return place.file === UNINSTRUMENTED_FILE ? UNINSTRUMENTED_FILE : `${printable(place.file)}:${place.line}:${place.column}`;
}

export function diagnosticPlaceLabel(diagnostic: Diagnostic): string | undefined {
  if (diagnostic.file === undefined) return undefined;
  const file = printable(diagnostic.file);
  if (diagnostic.line === undefined) return file;
  if (diagnostic.column === undefined) return `${file}:${diagnostic.line}`;
  return `${file}:${diagnostic.line}:${diagnostic.column}`;
}

function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

/** The command as a shell would need it typed: plain words bare, anything else single-quoted. */
function commandLabel(command: readonly string[]): string {
  return command.map((arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${printable(arg).replaceAll("'", `'\\''`)}'`)).join(' ');
}

function exitLabel(report: Report): string {
  if (report.exitCode !== null) return `exit ${report.exitCode}`;
  if (report.signal !== null) return `killed by ${report.signal}`;
  return 'no exit status';
}

/** What ran and how it ended, one phrase each: mode, command, exit, duration, processes. */
export function runSummary(report: Report): string[] {
  const processes = `${report.processes} ${report.processes === 1 ? 'process' : 'processes'}`;
  return [`${report.mode} mode`, commandLabel(report.command), exitLabel(report), formatDuration(report.durationMs), processes];
}

export function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : nouns}`;
}
