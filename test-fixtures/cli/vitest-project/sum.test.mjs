import { test, expect } from 'vitest';
const base = { values: Array.from({ length: 100 }, (_, i) => i * 1.5) };
test('copies', () => {
  const copy = { ...base };
  copy.extra = 1;
  expect(copy.values.length).toBe(100);
});
