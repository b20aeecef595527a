import { describe, expect, it } from 'vitest';
import { shiftPosition, shiftThrough } from '../../src/lsp/shift-position.js';

const at = (line: number, character: number): { line: number; character: number } => ({ line, character });
const range = (a: number, b: number, c: number, d: number): { start: { line: number; character: number }; end: { line: number; character: number } } => ({ start: at(a, b), end: at(c, d) });

describe('shiftPosition', () => {
  it('keeps positions before an edit and moves those after it', () => {
    expect(shiftPosition(at(1, 4), { range: range(2, 0, 2, 0), text: 'x\n' })).toEqual(at(1, 4));
    expect(shiftPosition(at(3, 4), { range: range(2, 0, 2, 0), text: 'x\ny\n' })).toEqual(at(5, 4));
    expect(shiftPosition(at(3, 4), { range: range(1, 0, 3, 0), text: '' })).toEqual(at(1, 4));
    expect(shiftPosition(at(2, 10), { range: range(2, 2, 2, 5), text: 'ab' })).toEqual(at(2, 9));
    expect(shiftPosition(at(2, 10), { range: range(2, 2, 2, 5), text: 'a\r\nbcd' })).toEqual(at(3, 8));
    expect(shiftPosition(at(2, 3), { range: range(2, 3, 2, 3), text: 'new ' })).toEqual(at(2, 7));
  });

  it('drops positions whose text was replaced, and everything on a full-text change', () => {
    expect(shiftPosition(at(2, 3), { range: range(2, 2, 2, 5), text: 'ab' })).toBeUndefined();
    expect(shiftPosition(at(2, 3), { text: 'whole new text' })).toBeUndefined();
  });

  it('applies a series of edits in order', () => {
    expect(shiftThrough(at(0, 5), [{ range: range(0, 0, 0, 0), text: '\n' }, { range: range(1, 0, 1, 2), text: '' }])).toEqual(at(1, 3));
  });
});
