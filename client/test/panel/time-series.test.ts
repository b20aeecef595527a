import { describe, expect, it } from 'vitest';
import { TimeSeries } from '../../src/panel/time-series.js';
import { snapshot } from './figures.js';

/** A steady run: every 100 ms, 50 more copies of 1 kB each, half of them saved. */
function steady(series: TimeSeries, count: number, runId = 1): void {
  for (let i = 1; i <= count; i++) {
    series.add(snapshot({ runId, elapsedMs: i * 100, totals: { executions: i * 50, bytesCopied: i * 25_000, bytesSaved: i * 25_000 } }));
  }
}

describe('TimeSeries', () => {
  it('gives each snapshot a point with the copy rate over the interval before it', () => {
    const series = new TimeSeries();
    series.add(snapshot({ elapsedMs: 100, totals: { executions: 10, bytesCopied: 500, bytesSaved: 200 } }));
    series.add(snapshot({ elapsedMs: 300, totals: { executions: 50, bytesCopied: 900, bytesSaved: 800 } }));
    expect(series.points()).toEqual([
      { elapsedMs: 100, bytesCopied: 500, bytesSaved: 200, rate: 100 },
      { elapsedMs: 300, bytesCopied: 900, bytesSaved: 800, rate: 200 },
    ]);
  });

  it('gives a first snapshot at 0 ms a rate of 0 rather than dividing by nothing', () => {
    const series = new TimeSeries();
    series.add(snapshot({ elapsedMs: 0, totals: { executions: 5 } }));
    expect(series.points()[0]!.rate).toBe(0);
  });

  it('replaces the last point with a snapshot of the same moment', () => {
    const series = new TimeSeries();
    series.add(snapshot({ elapsedMs: 100, totals: { bytesCopied: 1 } }));
    series.add(snapshot({ elapsedMs: 100, state: 'finished', totals: { bytesCopied: 2 } }));
    expect(series.points().map((p) => p.bytesCopied)).toEqual([2]);
  });

  it('ignores a snapshot older than the last one', () => {
    const series = new TimeSeries();
    series.add(snapshot({ elapsedMs: 200, totals: { bytesCopied: 2 } }));
    series.add(snapshot({ elapsedMs: 100, totals: { bytesCopied: 1 } }));
    expect(series.points().map((p) => p.elapsedMs)).toEqual([200]);
  });

  it('starts over for a new run and ignores an older run', () => {
    const series = new TimeSeries();
    steady(series, 5, 1);
    series.add(snapshot({ runId: 2, elapsedMs: 100, totals: { bytesCopied: 7 } }));
    series.add(snapshot({ runId: 1, elapsedMs: 600, totals: { bytesCopied: 9 } }));
    expect(series.runId).toBe(2);
    expect(series.points()).toEqual([{ elapsedMs: 100, bytesCopied: 7, bytesSaved: 0, rate: 0 }]);
  });

  it('stays within its bound over a long run and still ends at the latest snapshot', () => {
    const series = new TimeSeries(600);
    steady(series, 36_000);
    const points = series.points();
    expect(points.length).toBeLessThanOrEqual(600);
    expect(points.length).toBeGreaterThan(150);
    expect(points.at(-1)).toMatchObject({ elapsedMs: 3_600_000, bytesCopied: 36_000 * 25_000 });
  });

  it('keeps the rate an average when it merges points: the rate curve still adds up to the copies', () => {
    const series = new TimeSeries(8);
    // A bursty run: 1,000 copies in one 100 ms interval, none in the others.
    for (let i = 1; i <= 40; i++) series.add(snapshot({ elapsedMs: i * 100, totals: { executions: i >= 17 ? 1000 : 0 } }));
    const points = series.points();
    expect(points.length).toBeLessThanOrEqual(8);
    let copies = 0;
    let before = 0;
    for (const point of points) {
      copies += (point.rate * (point.elapsedMs - before)) / 1000;
      before = point.elapsedMs;
    }
    expect(copies).toBeCloseTo(1000);
    expect(Math.max(...points.map((p) => p.rate))).toBeLessThan(10_000);
  });

  it('keeps its points evenly spread after merging, not dense at the end', () => {
    const series = new TimeSeries(20);
    steady(series, 1000);
    const points = series.points();
    const gaps = points.slice(1).map((point, i) => point.elapsedMs - points[i]!.elapsedMs);
    // The open last interval may be short; the others are within a factor of two of each other.
    const closed = gaps.slice(0, -1);
    expect(Math.max(...closed) / Math.min(...closed)).toBeLessThanOrEqual(2);
  });

  it('refuses a bound too small to draw a line', () => {
    expect(() => new TimeSeries(3)).toThrow(RangeError);
  });
});
