/**
 * The marks the instrumenter leaves around its edits (runtime/edit-marks.ts): whatever text an
 * edit replaced, its mark is one comment on one line that JavaScript reads as a comment, and reads
 * back as that text.
 */
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { MARK_CLOSE, markOpening, unmarkEdits } from '../../src/runtime/edit-marks.js';

const ORIGINALS = ['', '[...', '{ /* keep */ ...', '{\n  ...', ',\r\n}', '*/', '**/', 'a*', '\\', '\\n', '*\\/', '\u2028\u2029', 'new Map<string, number>(', '/*cl$>*/'];

describe('edit marks', () => {
  it.each(ORIGINALS)('%j: one comment on one line, read back as written', (original) => {
    const opening = markOpening(original);
    expect(opening).not.toMatch(/[\n\r\u2028\u2029]/);
    expect(opening.indexOf('*/')).toBe(opening.length - 2);
    // As JavaScript: the marks are comments around the edited text.
    const code = `const a = 1 +${opening}2${MARK_CLOSE}+ 3;`;
    expect(runInNewContext(`${code} a`)).toBe(6);
    expect(unmarkEdits(code)).toBe(`const a = 1 +${original}+ 3;`);
  });

  it('leaves text without marks as it is, and reads a run whose closing mark is cut off to the end', () => {
    expect(unmarkEdits('(o) => ({ ...o })')).toBe('(o) => ({ ...o })');
    expect(unmarkEdits(`(o) => o.k = ${markOpening('')}R.wrote(${MARK_CLOSE}f()${markOpening('')}, o, L)`)).toBe('(o) => o.k = f()');
  });
});
