import { throttle, type Clock } from '../throttle.js';

/** Four posts a second: a chart that moves smoothly, and at most four serialisations of the state a second. */
export const POST_INTERVAL_MS = 250;

export interface PostScheduler<T> {
  /** Asks for a post of what `next` builds; the thunk is called only when the post happens. */
  offer(next: () => T): void;
  cancel(): void;
}

/**
 * Posts at a bounded rate, the latest offer winning: snapshots arrive up to ten a second and a
 * state is built (sorted, paged, formatted) only when it is posted, never for a snapshot that a
 * newer one replaced before its turn.
 */
export function latestWins<T>(post: (value: T) => void, intervalMs: number = POST_INTERVAL_MS, clock?: Clock): PostScheduler<T> {
  let latest: (() => T) | undefined;
  const throttled = throttle(
    () => {
      const next = latest;
      latest = undefined;
      if (next !== undefined) post(next());
    },
    intervalMs,
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
