const { restock } = require('../src/inventory.js');

const shelf = Array.from({ length: 200 }, (_, i) => ({ name: `item ${i}`, count: i }));

test('restock changes one item and leaves the shelf alone', () => {
  const after = restock(shelf, 'item 3', 30);
  expect(after[3]).toEqual({ name: 'item 3', count: 30 });
  expect(shelf[3].count).toBe(3);
});

test('restock of a missing item copies the list all the same', () => {
  expect(restock(shelf, 'nothing', 1)).toStrictEqual(shelf);
  expect(restock(shelf, 'item 0', 5)[0].count).toBe(5);
});
