const test = require('tape');
const { snapshot } = require('../src/inventory.js');

test('a snapshot does not follow later writes', (t) => {
  const state = { version: 1, tags: ['a', 'b'] };
  const before = snapshot(state);
  const tagged = [...state.tags];
  tagged.push('c');
  state.version = 2;
  t.equal(before.version, 1);
  t.deepEqual(tagged, ['a', 'b', 'c']);
  t.equal(Object.getPrototypeOf(tagged), Array.prototype);
  t.end();
});

test('fails when asked to', { skip: process.env.COWLENS_FIXTURE_FAIL !== '1' }, (t) => {
  t.deepEqual({ ...snapshot({ ok: false }) }, { ok: true });
  t.end();
});
