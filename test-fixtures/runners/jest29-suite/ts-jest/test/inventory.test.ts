import { expect, test } from '@jest/globals';
import { type Item, restock, snapshot } from '../src/inventory';

const shelf: readonly Item[] = Array.from({ length: 200 }, (_, i) => ({ name: `item ${i}`, count: i }));

test('restock changes one item and leaves the shelf alone', () => {
  const after = restock(shelf, 'item 3', 30);
  expect(after[3]).toEqual({ name: 'item 3', count: 30 });
  expect([...shelf].map((item) => item.count)[3]).toBe(3);
});

test('a snapshot does not follow later writes', () => {
  const state = { version: 1, tags: ['a', 'b'] };
  const before = snapshot(state);
  state.version = 2;
  expect(before.version).toBe(1);
});
