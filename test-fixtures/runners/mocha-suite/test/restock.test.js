const assert = require('node:assert/strict');
const { restock } = require('../src/inventory.js');

const shelf = Array.from({ length: 200 }, (_, i) => ({ name: `item ${i}`, count: i }));

it('restock changes one item and leaves the shelf alone', () => {
  const after = restock(shelf, 'item 3', 30);
  assert.deepEqual(after[3], { name: 'item 3', count: 30 });
  assert.equal(shelf[3].count, 3);
});

it('restock of a missing item copies the list all the same', () => {
  assert.deepStrictEqual(restock(shelf, 'nothing', 1), shelf);
  assert.equal(restock(shelf, 'item 0', 5)[0].count, 5);
});
