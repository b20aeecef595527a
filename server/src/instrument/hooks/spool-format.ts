import type { FigureBatch } from '../../runtime/figures/types.js';

/**
 * The channel between instrumented processes and `cowlens report`: a spool directory where each
 * process (each worker thread too) appends one JSON record per line to a file of its own. Appends
 * are synchronous, so the last batch written at exit, or before a crash, is never lost; the
 * reader follows the files while the program runs.
 */
export const SPOOL_ENV = 'COWLENS_SPOOL';

export type SpoolRecord =
  /**
   * A process or thread begins. `evaluates`: the process runs code given on its command line (`-e`,
   * `-p`), which is never a project file: like a worker thread it has figures to lose only once
   * instrumented code asks for its sites, and its parent may kill it (a watchdog) without loss.
   */
  | { readonly type: 'start'; readonly pid: number; readonly thread: number; readonly argv: readonly string[]; readonly time: number; readonly evaluates?: true }
  | { readonly type: 'batch'; readonly batch: FigureBatch }
  /** A worker thread begins to run instrumented code: from here on it has figures it can lose. */
  | { readonly type: 'instrumented-code' }
  | { readonly type: 'diagnostic'; readonly severity: 'error' | 'warning' | 'info'; readonly message: string; readonly file?: string }
  /** An uncaught error that cowlens caused (or may have) reached the process, which it usually ends: the run is not what the program does without cowlens. */
  | { readonly type: 'failure'; readonly message: string; readonly file?: string; readonly line?: number; readonly column?: number }
  /** Project code ran in the process without cowlens's instrumentation, for `reason`: these files, or the files `reason` names. */
  | { readonly type: 'uninstrumented'; readonly reason: string; readonly files: readonly string[] };

/**
 * A process's (or thread's) own stream; `context` names a further stream of the same thread, for
 * a runtime of its own in a vm context (a jest test file's): each runtime numbers its sites itself.
 */
export function streamFileName(pid: number, thread: number, context?: number): string {
  return `${String(pid)}-${String(thread)}${context === undefined ? '' : `-${String(context)}`}.ndjson`;
}
