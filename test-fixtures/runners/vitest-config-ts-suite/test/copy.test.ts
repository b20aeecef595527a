import { expect, test } from 'vitest';

test('a copy in a test file is counted; the config file is not test code', () => {
  const xs = [1, 2, 3];
  expect([...xs]).toEqual(xs);
});
