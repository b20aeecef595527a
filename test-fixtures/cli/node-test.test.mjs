import { test } from 'node:test';
import assert from 'node:assert/strict';

test('a copy in a node:test test', () => {
  const base = { values: [1, 2, 3] };
  const copy = { ...base, extra: true };
  assert.deepEqual(copy.values, base.values);
});
