import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { throttle } from '../src/throttle.js';

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
