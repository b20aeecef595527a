const t = require('tap');
const { snapshot } = require('../src/inventory.js');

t.test('a snapshot does not follow later writes', (t) => {
  const state = { version: 1, tags: ['a', 'b'] };
  const before = snapshot(state);
  const tagged = [...state.tags];
  tagged.push('c');
  state.version = 2;
  t.equal(before.version, 1);
  t.same(tagged, ['a', 'b', 'c']);
  t.equal(Object.getPrototypeOf(tagged), Array.prototype);
  t.end();
});

t.test('fails when asked to', { skip: process.env.COWLENS_FIXTURE_FAIL !== '1' }, (t) => {
  t.same({ ...snapshot({ ok: false }) }, { ok: true });
  t.end();
});
