import type { LiveTotals, RunMode, RunState } from '@cowlens/server/protocol';
import { savingWords } from '@cowlens/server/saving-words';
import { formatBytes } from '@cowlens/server/units';

export interface StatusInput {
  /** The run's mode, or the configured one before any run. */
  readonly mode: RunMode;
  /** Absent before the first run and after the figures are cleared. */
  readonly run?: {
    readonly state: RunState;
    readonly totals: LiveTotals;
    readonly complete?: boolean;
  };
}

/**
 * The status bar text; the end-to-end test reads it, so its grammar is fixed:
 *
 *   no run:      `$(copy) cowlens <mode>`
 *   running:     `$(sync~spin) cowlens <mode>: running · <saved> <bytes> · copied <bytes>`
 *   finished:    `$(copy) cowlens <mode>: <saved> <bytes> · copied <bytes>`
 *   incomplete:  `$(warning) cowlens <mode>: incomplete · <saved> <bytes> · copied <bytes>`
 *                (finished, but figures may be missing: a crash, a kill, the timeout)
 *
 * `<mode>` is `observe` or `cow`; `<saved>` is `saved` in cow mode and `would save` in observe
 * mode, where every copy was made and the bytes are what copy-on-write would have saved;
 * `<bytes>` as `48 MB` (SI units, `0 B` when none); the icons render as codicons, so the DOM text
 * starts with ` cowlens`.
 * Example: `$(sync~spin) cowlens cow: running · saved 12 MB · copied 1.1 MB`.
 */
export function statusText(input: StatusInput): string {
  const { run } = input;
  if (!run) return `$(copy) cowlens ${input.mode}`;
  const totals = `${savingWords(input.mode)} ${formatBytes(run.totals.bytesSaved)} · copied ${formatBytes(run.totals.bytesCopied)}`;
  if (run.state === 'running') return `$(sync~spin) cowlens ${input.mode}: running · ${totals}`;
  if (run.complete === false) return `$(warning) cowlens ${input.mode}: incomplete · ${totals}`;
  return `$(copy) cowlens ${input.mode}: ${totals}`;
}
