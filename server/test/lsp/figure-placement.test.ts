import { describe, expect, it } from 'vitest';
import { figureInLens, LAST_FIGURE_COLUMN } from '../../src/lsp/figure-placement.js';

const LABEL = '⧉ 25 copies · 25 written · saved 1.2 MB · shared ×2';

describe('figureInLens', () => {
  it('keeps the figures of a short line after it', () => {
    expect(figureInLens('auto', '    history.push(structuredClone(doc));', 4, LABEL)).toBe(false);
  });

  it('moves the figures of a line that would run past the last figure column into a lens', () => {
    const fits = 'x'.repeat(LAST_FIGURE_COLUMN - 2 - LABEL.length);
    expect(figureInLens('auto', fits, 4, LABEL)).toBe(false);
    expect(figureInLens('auto', `${fits}x`, 4, LABEL)).toBe(true);
  });

  it('counts a tab to its tab stop, as the editor draws it', () => {
    const fits = 'x'.repeat(LAST_FIGURE_COLUMN - 2 - LABEL.length - 8);
    expect(figureInLens('auto', `\t\t${fits}`, 4, LABEL)).toBe(false);
    expect(figureInLens('auto', `\t\t${fits}`, 8, LABEL)).toBe(true);
  });

  it('follows a placement the user chose, whatever the line', () => {
    expect(figureInLens('codeLens', 'short', 4, LABEL)).toBe(true);
    expect(figureInLens('endOfLine', 'x'.repeat(500), 4, LABEL)).toBe(false);
  });
});
