/**
 * The marks the instrumenter leaves around its edits (runtime/edit-marks.ts): whatever text an
 * edit replaced, its mark is one comment on one line that JavaScript reads as a comment, and reads
 * back as that text; text that only looks like a mark reads as it is.
 */
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { marksFor, unmarkEdits } from '../../src/runtime/edit-marks.js';

const ORIGINALS = ['', '[...', '{ /* keep */ ...', '{\n  ...', ',\r\n}', '*/', '**/', 'a*', '\\', '\\n', '*\\/', '\u2028\u2029', 'new Map<string, number>(', '/*cl$>*/', '/*cl$<[x*/'];

describe('edit marks', () => {
  it.each(ORIGINALS)('%j: one comment on one line, read back as written', (original) => {
    const { opening, closing } = marksFor(original);
    expect(opening).not.toMatch(/[\n\r\u2028\u2029]/);
    expect(opening.indexOf('*/')).toBe(opening.length - 2);
    // As JavaScript: the marks are comments around the edited text.
    const code = `const a = 1 +${opening}2${closing}+ 3;`;
    expect(runInNewContext(`${code} a`)).toBe(6);
    expect(unmarkEdits(code)).toBe(`const a = 1 +${original}+ 3;`);
  });

  it('leaves text without marks as it is, and reads a run whose closing mark is cut off to the end', () => {
    const { opening, closing } = marksFor('');
    expect(unmarkEdits('(o) => ({ ...o })')).toBe('(o) => ({ ...o })');
    expect(unmarkEdits(`(o) => o.k = ${opening}R.wrote(${closing}f()${opening}, o, L)`)).toBe('(o) => o.k = f()');
  });

  // Each failed before the marks were sealed: the program's own text was read as marks.
  it.each([
    ['a string that holds a mark', `() => '/*cl$<[x*/y/*cl$>*/'`],
    ['a comment that holds one', '() => { /*cl$<[x*/ return 1 /*cl$>*/ }'],
    ['an opening with no closing', '() => "/*cl$<[x*/, y"'],
    ['a seal that is not its original\'s', `() => '${marksFor('[...').opening.replace('[...', '[..')}y${marksFor('[...').closing}'`],
    ['marks the program made of cowlens\'s shape, cut short', '() => "/*cl$<ab*/"'],
  ])('%s reads as it is', (_, text) => {
    expect(unmarkEdits(text)).toBe(text);
  });

  it('reads back the marks of an edit beside text that looks like one, and runs to its own closing mark', () => {
    const spread = marksFor('[...');
    const close = marksFor(']');
    const fake = `'/*cl$<[x*/y/*cl$>*/'`;
    // A run's inserted text may quote the program (a rest pattern's keys): a closing mark there is not the run's.
    const code = `(xs) => [${fake}, ${spread.opening}R.arraySpread(S, ["/*cl$>*/"], ${spread.closing}xs${close.opening})${close.closing}]`;
    expect(unmarkEdits(code)).toBe(`(xs) => [${fake}, [...xs]]`);
  });
});
