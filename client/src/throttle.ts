/** The timer functions a throttle uses; tests pass fake ones. */
export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => {
    clearTimeout(handle as ReturnType<typeof setTimeout>);
  },
};

export interface Throttled {
  /** Asks for a call: now if none happened in the last interval, else once at its end. */
  schedule(): void;
  /** Drops a pending call (on dispose). */
  cancel(): void;
}

/**
 * At most one call of `run` per `intervalMs`, the last request never lost: redraws of live figures
 * keep pace with the updates without redrawing more than the eye can follow.
 */
export function throttle(run: () => void, intervalMs: number, clock: Clock = realClock): Throttled {
  let last = -Infinity;
  let pending: unknown;
  const fire = (): void => {
    pending = undefined;
    last = clock.now();
    run();
  };
  return {
    schedule() {
      if (pending !== undefined) return;
      const wait = last + intervalMs - clock.now();
      if (wait <= 0) fire();
      else pending = clock.setTimeout(fire, wait);
    },
    cancel() {
      if (pending !== undefined) clock.clearTimeout(pending);
      pending = undefined;
    },
  };
}
