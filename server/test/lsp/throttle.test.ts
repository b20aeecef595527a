import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type Clock, latestWins, throttle } from '../../src/lsp/throttle.js';

describe('throttle', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs at once when idle, then at most once per interval, never losing the last request', () => {
    const run = vi.fn();
    const t = throttle(run, 100);
    t.schedule();
    expect(run).toHaveBeenCalledTimes(1);
    for (let i = 0; i < 50; i++) {
      vi.advanceTimersByTime(10);
      t.schedule();
    }
    // 500 ms of requests every 10 ms: one call per 100 ms.
    expect(run).toHaveBeenCalledTimes(6);
    // The request made right after the last call runs at the end of its interval.
    vi.advanceTimersByTime(100);
    expect(run).toHaveBeenCalledTimes(7);
    vi.advanceTimersByTime(1000);
    expect(run).toHaveBeenCalledTimes(7);
  });

  it('drops a pending call when cancelled', () => {
    const run = vi.fn();
    const t = throttle(run, 100);
    t.schedule();
    t.schedule();
    t.cancel();
    vi.advanceTimersByTime(500);
    expect(run).toHaveBeenCalledTimes(1);
  });
});

/** A clock that moves only when the test says, running timers as it passes them. */
function fakeClock(): Clock & { advance(ms: number): void } {
  let now = 0;
  let timers: { at: number; callback: () => void; id: number }[] = [];
  let nextId = 0;
  return {
    now: () => now,
    setTimeout(callback, ms) {
      const id = nextId++;
      timers.push({ at: now + ms, callback, id });
      return id;
    },
    clearTimeout(handle) {
      timers = timers.filter((timer) => timer.id !== handle);
    },
    advance(ms) {
      const end = now + ms;
      for (;;) {
        const due = timers.filter((timer) => timer.at <= end).sort((a, b) => a.at - b.at)[0];
        if (due === undefined) break;
        timers = timers.filter((timer) => timer !== due);
        now = due.at;
        due.callback();
      }
      now = end;
    },
  };
}

describe('latestWins', () => {
  it('posts the first offer at once and the latest of a burst at the end of the interval', () => {
    const clock = fakeClock();
    const posted: number[] = [];
    const scheduler = latestWins<number>((value) => posted.push(value), 250, clock);
    for (let i = 1; i <= 10; i++) {
      scheduler.offer(() => i);
      clock.advance(10);
    }
    expect(posted).toEqual([1]);
    clock.advance(250);
    expect(posted).toEqual([1, 10]);
  });

  it('builds only the states it posts', () => {
    const clock = fakeClock();
    let built = 0;
    const scheduler = latestWins<number>(() => undefined, 250, clock);
    for (let i = 0; i < 100; i++) {
      scheduler.offer(() => ++built);
      clock.advance(10);
    }
    clock.advance(250);
    // 1 s of offers every 10 ms: one post at the start and one at the end of each 250 ms interval.
    expect(built).toBeLessThanOrEqual(5);
  });

  it('posts at most four times a second under a stream of offers every 100 ms', () => {
    const clock = fakeClock();
    const times: number[] = [];
    const scheduler = latestWins<number>(() => times.push(clock.now()), 250, clock);
    for (let i = 0; i < 100; i++) {
      scheduler.offer(() => i);
      clock.advance(100);
    }
    const gaps = times.slice(1).map((time, i) => time - times[i]!);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(250);
    expect(times.length).toBeGreaterThanOrEqual(30);
  });

  it('drops a pending offer when cancelled', () => {
    const clock = fakeClock();
    const posted: number[] = [];
    const scheduler = latestWins<number>((value) => posted.push(value), 250, clock);
    scheduler.offer(() => 1);
    scheduler.offer(() => 2);
    scheduler.cancel();
    clock.advance(1000);
    expect(posted).toEqual([1]);
  });
});

describe('an interval set by what was sent, counted from the end of the sending', () => {
  it('waits the interval the last post asked for, after the post itself took its time', () => {
    const clock = fakeClock();
    const times: number[] = [];
    let size = 0;
    const pacer = latestWins<number>(
      (value) => {
        times.push(clock.now());
        size = value;
        // Building and sending a large snapshot takes 30 ms of the clock.
        clock.advance(30);
      },
      () => (size > 1000 ? 300 : 100),
      clock,
    );
    pacer.offer(() => 2000);
    for (let i = 0; i < 10; i++) {
      clock.advance(50);
      pacer.offer(() => 10);
    }
    clock.advance(1000);
    // 2,000 sites: the next post waits 300 ms after the first one ended (at 30 ms); then 10 sites,
    // 100 ms after each end; the last offer (at 530 ms) is posted, not lost.
    expect(times).toEqual([0, 330, 460, 590]);
  });
});
