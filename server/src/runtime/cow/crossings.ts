/**
 * Counts the moments at which code cowlens did not instrument may have run since a view last read
 * a node: each call of instrumented code into a package, and the end of each job (a timer, an I/O
 * callback or a promise reaction of a package may run next). A view checks the digest of a node it
 * shares once per crossing, so a write it did not see is reported before the view shows it.
 */
let crossings = 0;
let endQueued = false;

/** The program's own `queueMicrotask` may be replaced later (fake timers): the end of a job is told by the real one. */
const enqueue = globalThis.queueMicrotask.bind(globalThis);

const endOfJob = (): void => {
  endQueued = false;
  crossings++;
};

/** Instrumented code is about to call into a package. */
export function crossing(): void {
  crossings++;
}

/** The current crossing; reading it asks for the end of this job to count as one. */
export function currentCrossing(): number {
  if (!endQueued) {
    endQueued = true;
    enqueue(endOfJob);
  }
  return crossings;
}
