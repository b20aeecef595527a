import { describe, expect, it } from 'vitest';
import { formatBytes, parseByteSize } from '../../src/report/index.js';
import { formatCount } from '../../src/report/byte-units.js';

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [999, '999 B'],
    [1000, '1.0 kB'],
    [1234, '1.2 kB'],
    [48_000_000, '48 MB'],
    [999_600, '1.0 MB'],
    [12_345_678_901, '12 GB'],
    [-2500, '-2.5 kB'],
  ])('%d bytes is %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});

describe('formatCount', () => {
  it('shortens counts as formatBytes does bytes, with no gap before the unit', () => {
    expect([0, 7, 999, 1000, 1234, 56_789, 999_999, 3_000_000, -1500].map(formatCount)).toEqual(['0', '7', '999', '1.0k', '1.2k', '57k', '1.0M', '3.0M', '-1.5k']);
  });
});

describe('parseByteSize', () => {
  it.each([
    ['1048576', 1_048_576],
    ['512kB', 512_000],
    ['10MB', 10_000_000],
    ['10mb', 10_000_000],
    ['1.5 GB', 1_500_000_000],
    ['64KiB', 65_536],
    ['2MiB', 2_097_152],
    [' 3k ', 3000],
    ['100B', 100],
  ])('reads %s as %d', (text, bytes) => {
    expect(parseByteSize(text)).toBe(bytes);
  });

  it.each(['', 'ten', '-5MB', '10XB', '1e6', 'MB', '10 M B'])('rejects %j with the accepted forms', (text) => {
    expect(() => parseByteSize(text)).toThrow(
      `Invalid byte size "${text}": give a number of bytes, optionally followed by a unit: B, kB, MB, GB (powers of 1000) or KiB, MiB, GiB (powers of 1024), for example 10MB or 512kB.`,
    );
  });
});
