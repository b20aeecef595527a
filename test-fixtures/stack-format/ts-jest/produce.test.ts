import { expect, test } from '@jest/globals';
import { check, produce } from './produce';

test('a warning from a call on a line cowlens leaves as it is', () => {
  const next = produce({});
  expect(next).toEqual({});
});

test('a warning from a call after a copy on its line', () => {
  const items = [...[1, 2]]; const next = produce({ items });
  expect(next.items).toEqual([1, 2]);
});

(process.env.COWLENS_FIXTURE_FAIL === '1' ? test : test.skip)('an error thrown through compiled calls', () => {
  const total = Math.max(1, 2); expect(check(total)).toBe(2);
});
