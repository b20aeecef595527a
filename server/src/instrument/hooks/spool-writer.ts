import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import type { FigureBatch } from '../../runtime/figures/types.js';
import { type SpoolRecord, streamFileName } from './spool-format.js';
import { JSON } from '../../runtime/captured-namespaces.js';

/** Appends this thread's records to its own spool file; synchronous so nothing is lost at exit. */
export class SpoolWriter {
  private readonly path: string;

  constructor(spool: string, context?: number) {
    this.path = join(spool, streamFileName(process.pid, threadId, context));
  }

  write(record: SpoolRecord): void {
    try {
      appendFileSync(this.path, `${JSON.stringify(record)}\n`);
    } catch {
      // The reader went away (its directory was removed): the program must go on regardless.
    }
  }

  readonly sink = (batch: FigureBatch): void => {
    this.write({ type: 'batch', batch });
  };

  /** A warning for the report's diagnostics: about `file` when one is named, else about the run. */
  readonly warn = (message: string, file?: string): void => {
    this.write({ type: 'diagnostic', severity: 'warning', message, ...(file === undefined ? {} : { file }) });
  };

  /** Project code runs in this process without cowlens's instrumentation, for `reason`: `files`, or those `reason` names. */
  uninstrumented(reason: string, files: readonly string[] = []): void {
    this.write({ type: 'uninstrumented', reason, files });
  }

  /** An uncaught error that cowlens caused reached this process: `message` says what and what to do, `at` where. */
  failure(message: string, at?: { readonly file: string; readonly line?: number; readonly column?: number }): void {
    this.write({ type: 'failure', message, ...at });
  }
}
