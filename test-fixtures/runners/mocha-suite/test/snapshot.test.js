const assert = require('node:assert/strict');
const { snapshot } = require('../src/inventory.js');

it('a snapshot does not follow later writes', () => {
  const state = { version: 1, tags: ['a', 'b'] };
  const before = snapshot(state);
  const tagged = [...state.tags];
  tagged.push('c');
  state.version = 2;
  assert.equal(before.version, 1);
  assert.deepStrictEqual(tagged, ['a', 'b', 'c']);
  assert.equal(Object.getPrototypeOf(tagged), Array.prototype);
});

(process.env.COWLENS_FIXTURE_FAIL === '1' ? it : it.skip)('fails when asked to', () => {
  assert.deepStrictEqual({ ...snapshot({ ok: false }) }, { ok: true });
});
