import { describe, expect, it } from 'vitest';
import { latestWins } from '../../src/panel/post-scheduler.js';
import type { Clock } from '../../src/throttle.js';

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
