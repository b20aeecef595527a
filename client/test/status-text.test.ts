import { describe, expect, it } from 'vitest';
import { statusText } from '../src/status-text.js';

const totals = { sites: 3, executions: 10, materialized: 1, eager: 0, bytesCopied: 1_100_000, bytesSaved: 12_000_000, sharedMax: 4, hazards: 0 };

describe('statusText', () => {
  it('shows the mode alone before any run', () => {
    expect(statusText({ mode: 'observe' })).toBe('$(copy) cowlens observe');
  });

  it('spins while running, with the totals', () => {
    expect(statusText({ mode: 'cow', run: { state: 'running', totals } })).toBe('$(sync~spin) cowlens cow: running · saved 12 MB · copied 1.1 MB');
    expect(statusText({ mode: 'observe', run: { state: 'running', totals } })).toBe('$(sync~spin) cowlens observe: running · would save 12 MB · copied 1.1 MB');
  });

  it('shows the totals alone when finished, and says when figures may be missing', () => {
    expect(statusText({ mode: 'observe', run: { state: 'finished', totals, complete: true } })).toBe('$(copy) cowlens observe: would save 12 MB · copied 1.1 MB');
    expect(statusText({ mode: 'observe', run: { state: 'finished', totals: { ...totals, bytesCopied: 0 }, complete: false } })).toBe(
      '$(warning) cowlens observe: incomplete · would save 12 MB · copied 0 B',
    );
  });
});
