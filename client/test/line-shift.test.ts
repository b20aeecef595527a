import { describe, expect, it } from 'vitest';
import { shiftPosition, shiftThrough, type TextChange } from '../src/line-shift.js';

const change = (sl: number, sc: number, el: number, ec: number, text: string): TextChange => ({
  range: { start: { line: sl, character: sc }, end: { line: el, character: ec } },
  text,
});
const at = (line: number, character: number) => ({ line, character });

describe('shiftPosition', () => {
  it('leaves positions before the change alone', () => {
    expect(shiftPosition(at(2, 4), change(5, 0, 5, 0, 'x\ny\n'))).toEqual(at(2, 4));
    expect(shiftPosition(at(5, 1), change(5, 3, 5, 3, 'abc'))).toEqual(at(5, 1));
  });

  it('moves later lines by the lines inserted or deleted', () => {
    expect(shiftPosition(at(10, 4), change(2, 0, 2, 0, 'a\nb\n'))).toEqual(at(12, 4));
    expect(shiftPosition(at(10, 4), change(2, 0, 5, 0, ''))).toEqual(at(7, 4));
  });

  it('moves a position on the change end line by the columns the change added', () => {
    expect(shiftPosition(at(3, 10), change(3, 2, 3, 5, 'abcdef'))).toEqual(at(3, 13));
    expect(shiftPosition(at(3, 10), change(3, 2, 3, 2, 'ab\ncd'))).toEqual(at(4, 10));
    expect(shiftPosition(at(4, 6), change(2, 7, 4, 2, 'xy'))).toEqual(at(2, 13));
  });

  it('pushes a position along when text is inserted right at it', () => {
    expect(shiftPosition(at(3, 4), change(3, 4, 3, 4, '\n'))).toEqual(at(4, 0));
  });

  it('keeps a position where a replacement starts', () => {
    expect(shiftPosition(at(3, 4), change(3, 4, 3, 9, 'other'))).toEqual(at(3, 4));
  });

  it('drops a position the change deleted', () => {
    expect(shiftPosition(at(3, 4), change(2, 0, 5, 0, ''))).toBeUndefined();
    expect(shiftPosition(at(3, 4), change(3, 1, 3, 6, ''))).toBeUndefined();
  });

  it('counts CRLF and CR as line breaks', () => {
    expect(shiftPosition(at(9, 0), change(1, 0, 1, 0, 'a\r\nb\rc\n'))).toEqual(at(12, 0));
  });
});

describe('shiftThrough', () => {
  it('applies changes in order and stops at a deletion', () => {
    expect(shiftThrough(at(5, 2), [change(0, 0, 0, 0, '\n'), change(0, 0, 0, 0, '\n\n')])).toEqual(at(8, 2));
    expect(shiftThrough(at(5, 2), [change(4, 0, 6, 0, ''), change(0, 0, 0, 0, '\n')])).toBeUndefined();
  });
});
