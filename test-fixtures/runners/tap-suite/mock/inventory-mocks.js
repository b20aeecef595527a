const t = require('tap');

// tap's mock plugin loads a fresh copy of the module: through its require hook, and through its
// import loader (a module URL with a query of its own).
t.test('a mocked require of the module copies as the module does', (t) => {
  const { restock } = t.mockRequire('../src/inventory.js', {});
  t.equal(restock([{ name: 'a', count: 1 }], 'a', 2)[0].count, 2);
  t.end();
});

t.test('a mocked import of the module copies as the module does', async (t) => {
  const { snapshot } = await t.mockImport('../src/inventory.js', {});
  t.same(snapshot({ tags: ['a'] }), { tags: ['a'] });
});
