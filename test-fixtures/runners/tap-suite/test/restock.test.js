const t = require('tap');
const { restock } = require('../src/inventory.js');

const shelf = Array.from({ length: 200 }, (_, i) => ({ name: `item ${i}`, count: i }));

t.test('restock changes one item and leaves the shelf alone', (t) => {
  const after = restock(shelf, 'item 3', 30);
  t.same(after[3], { name: 'item 3', count: 30 });
  t.equal(shelf[3].count, 3);
  t.end();
});

t.test('restock of a missing item copies the list all the same', (t) => {
  t.same(restock(shelf, 'nothing', 1), shelf);
  t.equal(restock(shelf, 'item 0', 5)[0].count, 5);
  t.end();
});
