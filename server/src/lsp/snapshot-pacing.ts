/**
 * How often a run's figures go to the client. Each snapshot holds every site (a client that
 * missed one loses nothing), so its cost grows with the run: at 10,000 sites one is 2 to 4 MB of
 * JSON, 10 to 40 ms to write and as long again to read. Runs with many sites therefore send
 * fewer: every 100 ms up to 1,000 sites, 100 ms more per further 1,000, at most one a second.
 */
export const PROGRESS_MS = 100;
const SITES_PER_STEP = 1000;
const MAX_INTERVAL_MS = 1000;

export function snapshotIntervalMs(sites: number): number {
  return Math.min(MAX_INTERVAL_MS, PROGRESS_MS * Math.max(1, Math.ceil(sites / SITES_PER_STEP)));
}

/**
 * Sends the latest state at most once per interval, the interval set by the size of the last
 * snapshot sent and counted from the end of its sending; a change that comes sooner is sent when
 * the interval is over (the latest wins).
 */
export class SnapshotPacer<T> {
  private lastSentAt = 0;
  private lastSize = 0;
  private latest: T | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly send: (latest: T) => number) {}

  /** `send` returns the size (sites) of what it sent, which sets the next interval. */
  offer(latest: T): void {
    this.latest = latest;
    if (this.timer !== undefined) return;
    const wait = this.lastSentAt + snapshotIntervalMs(this.lastSize) - Date.now();
    if (wait <= 0) this.flush();
    else
      this.timer = setTimeout(() => {
        this.flush();
      }, wait);
  }

  /** Nothing pending is sent after this. */
  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.latest = undefined;
  }

  private flush(): void {
    this.timer = undefined;
    const latest = this.latest;
    if (latest === undefined) return;
    this.latest = undefined;
    this.lastSize = this.send(latest);
    // Counted from the end of the send: building a large snapshot takes time of its own.
    this.lastSentAt = Date.now();
  }
}
