/**
 * How much a run of the differential fuzz explores. COWLENS_DIFF_SCALE multiplies every family's
 * number of cases, and its time allowance with it, so that a long local run (scale 10) does not
 * stop on vitest's timeout; COWLENS_DIFF_SEED replays a seed (CI sets one; a failure prints its
 * own), and without it every run explores new cases.
 */
const SCALE = Number(process.env.COWLENS_DIFF_SCALE ?? '1');

/** fast-check's options for the seed: none, or the one to replay. */
export const SEED: { seed?: number } = process.env.COWLENS_DIFF_SEED === undefined ? {} : { seed: Number(process.env.COWLENS_DIFF_SEED) };

/** The number of cases a family runs: `n` at scale 1. */
export const runs = (n: number): number => Math.max(1, Math.round(n * SCALE));

/**
 * vitest's time allowance for a family, the same for all: a family takes seconds to a minute at
 * scale 1 here, and shared CI machines must not make a fuzz run flake on time.
 */
export const FAMILY_TIMEOUT = Math.round(600_000 * Math.max(1, SCALE));
