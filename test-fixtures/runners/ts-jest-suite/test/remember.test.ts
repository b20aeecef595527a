import { expect, test } from '@jest/globals';
import { remember, tally } from '../src/remember';

test('writes through nested references narrow what is read after them', () => {
  const t = { o: {} };
  expect(remember(t, 'a')).toBe(1);
  expect(remember(t, 'b')).toBe(2);
  const u = { a: { b: {} } };
  expect(tally(u)).toBe(4);
  expect(u).toEqual({ a: { b: { seen: ['x'] } } });
});
