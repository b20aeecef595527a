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
