import test from 'ava';
import { restock } from '../src/inventory.js';

const shelf = Array.from({ length: 200 }, (_, i) => ({ name: `item ${i}`, count: i }));

test('restock changes one item and leaves the shelf alone', (t) => {
  const after = restock(shelf, 'item 3', 30);
  t.deepEqual(after[3], { name: 'item 3', count: 30 });
  t.is(shelf[3].count, 3);
});

test('restock of a missing item copies the list all the same', (t) => {
  t.deepEqual(restock(shelf, 'nothing', 1), shelf);
  t.is(restock(shelf, 'item 0', 5)[0].count, 5);
});
