import type { RunFiguresParams } from '@cowlens/server/protocol';
import type { ChartPoint } from './messages.js';

interface Sample {
  readonly elapsedMs: number;
  readonly bytesCopied: number;
  readonly bytesSaved: number;
  readonly executions: number;
}

export const DEFAULT_MAX_POINTS = 600;

/**
 * The run's totals over time, for the chart. Snapshots come up to ten a second, so an hour's run
 * would be 36,000 of them: the series holds at most `maxPoints` samples and, when full, drops every
 * other one. The figures are cumulative, so a kept sample is still exact at its time, and the copy
 * rate is derived from neighbouring kept samples, so it becomes the average over the merged
 * interval: the area under the rate curve always adds up to the run's copies.
 */
export class TimeSeries {
  #runId: number | undefined;
  #samples: Sample[] = [];
  /**
   * Samples closer than this to the one before merge into the last one instead of adding a new
   * sample, so after a halving the new samples come as sparsely as the old ones and the chart's
   * resolution stays even along the run, not fine at the end and coarse before.
   */
  #minGapMs = 0;

  constructor(private readonly maxPoints: number = DEFAULT_MAX_POINTS) {
    if (maxPoints < 4) throw new RangeError('a time series needs room for at least 4 points');
  }

  get runId(): number | undefined {
    return this.#runId;
  }

  /** Adds a snapshot's totals; a new run starts a new series, an older run's snapshot is ignored. */
  add(figures: RunFiguresParams): void {
    if (this.#runId !== undefined && figures.runId < this.#runId) return;
    if (figures.runId !== this.#runId) {
      this.#runId = figures.runId;
      this.#samples = [];
      this.#minGapMs = 0;
    }
    const sample: Sample = {
      elapsedMs: figures.elapsedMs,
      bytesCopied: figures.totals.bytesCopied,
      bytesSaved: figures.totals.bytesSaved,
      executions: figures.totals.executions,
    };
    const samples = this.#samples;
    const last = samples.at(-1);
    if (last !== undefined && sample.elapsedMs < last.elapsedMs) return;
    const beforeLast = samples.at(-2);
    const lastStillOpen = beforeLast !== undefined && last!.elapsedMs - beforeLast.elapsedMs < this.#minGapMs;
    if (last !== undefined && (sample.elapsedMs === last.elapsedMs || lastStillOpen)) samples[samples.length - 1] = sample;
    else samples.push(sample);
    if (samples.length > this.maxPoints) this.#halve();
  }

  points(): ChartPoint[] {
    let before: Sample = { elapsedMs: 0, bytesCopied: 0, bytesSaved: 0, executions: 0 };
    return this.#samples.map((sample) => {
      const seconds = (sample.elapsedMs - before.elapsedMs) / 1000;
      // A first snapshot at 0 ms has no interval to average over.
      const rate = seconds > 0 ? (sample.executions - before.executions) / seconds : 0;
      before = sample;
      return { elapsedMs: sample.elapsedMs, bytesCopied: sample.bytesCopied, bytesSaved: sample.bytesSaved, rate };
    });
  }

  #halve(): void {
    const samples = this.#samples;
    // Keep the later of each pair, and always the newest: the chart ends at the run's present.
    const kept = samples.filter((_, index) => (samples.length - 1 - index) % 2 === 0);
    this.#samples = kept;
    const span = kept.at(-1)!.elapsedMs - kept[0]!.elapsedMs;
    this.#minGapMs = span / (kept.length - 1);
  }
}
