import { describe, expect, it } from 'vitest';
import { figureStyle } from '../src/figure-style.js';

const site = { executions: 5, materialized: 0, bytesCopied: 0, bytesSaved: 0, sharedMax: 5 };

describe('figureStyle', () => {
  it('marks copies of at least the threshold as waste', () => {
    expect(figureStyle({ ...site, bytesCopied: 1000, bytesSaved: 5000 }, 1000, false)).toBe('waste');
    expect(figureStyle({ ...site, bytesCopied: 999, bytesSaved: 5000 }, 1000, false)).toBe('saved');
  });

  it('is neutral when nothing was saved or wasted', () => {
    expect(figureStyle(site, 1000, false)).toBe('neutral');
    expect(figureStyle({ ...site, bytesSaved: -50 }, 1000, false)).toBe('neutral');
  });

  it('never calls a site that copied nothing waste, even with a zero threshold', () => {
    expect(figureStyle(site, 0, false)).toBe('neutral');
  });

  it('dims stale figures whatever they say', () => {
    expect(figureStyle({ ...site, bytesCopied: 10_000 }, 1000, true)).toBe('stale');
  });
});
