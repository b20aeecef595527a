/**
 * cowlens's own work at a process's exit (its last figures, its checks of what the process loaded)
 * listens on no event of `process` (process-emit.ts). Node emits 'exit' through `process.emit`
 * at the event loop's natural end as from `process.exit()` or an uncaught exception, always once
 * `process._exiting` is true: the work runs at the first look-up of `emit` after that. It runs
 * before the program's own 'exit' listeners, as the listeners it replaces did, having been added
 * by the preload.
 */
import { watchEmitLookups } from './process-emit.js';

const works: (() => void)[] = [];
let watching = false;
let exited = false;

/** Runs `work` once, when the process (or worker thread) exits, before the program's 'exit' listeners. */
export function atProcessExit(work: () => void): void {
  works.push(work);
  if (watching) return;
  watching = true;
  if (!watchEmitLookups(runWorksAtExit)) process.once('exit', runWorks);
}

function runWorksAtExit(): undefined {
  if (!exited && (process as { _exiting?: boolean })._exiting === true) {
    exited = true;
    runWorks();
  }
  return undefined;
}

function runWorks(): void {
  for (const work of works) {
    try {
      work();
    } catch {
      // The program's exit must go on whatever happens here.
    }
  }
}
