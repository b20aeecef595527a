/**
 * Bounded rates for everything that follows a run live: the server's snapshots and refresh
 * requests, the client's redraws and the panel's posts. The client imports this module as
 * `@cowlens/server/throttle`.
 */

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
 * At most one call of `run` per interval, the last request never lost. The interval is counted
 * from the end of the call, so a call that takes long (a large snapshot) leaves the interval free;
 * it may be a function, asked after each call (a snapshot's size sets the next interval).
 */
export function throttle(run: () => void, interval: number | (() => number), clock: Clock = realClock): Throttled {
  let last = -Infinity;
  let pending: unknown;
  const fire = (): void => {
    pending = undefined;
    run();
    last = clock.now();
  };
  return {
    schedule() {
      if (pending !== undefined) return;
      const wait = last + (typeof interval === 'number' ? interval : interval()) - clock.now();
      if (wait <= 0) fire();
      else pending = clock.setTimeout(fire, wait);
    },
    cancel() {
      if (pending !== undefined) clock.clearTimeout(pending);
      pending = undefined;
    },
  };
}

export interface LatestWins<T> {
  /** Asks for a post of what `next` builds; the thunk is called only when the post happens. */
  offer(next: () => T): void;
  /** Nothing pending is posted after this. */
  cancel(): void;
}

/**
 * Posts at a bounded rate, the latest offer winning: a value is built only when it is posted,
 * never for an offer that a newer one replaced before its turn.
 */
export function latestWins<T>(post: (value: T) => void, interval: number | (() => number), clock?: Clock): LatestWins<T> {
  let latest: (() => T) | undefined;
  const throttled = throttle(
    () => {
      const next = latest;
      latest = undefined;
      if (next !== undefined) post(next());
    },
    interval,
    clock,
  );
  return {
    offer(next) {
      latest = next;
      throttled.schedule();
    },
    cancel() {
      latest = undefined;
      throttled.cancel();
    },
  };
}
