import test from 'ava';
import { snapshot } from '../src/inventory.js';

test('a snapshot does not follow later writes', (t) => {
  const state = { version: 1, tags: ['a', 'b'] };
  const before = snapshot(state);
  const tagged = [...state.tags];
  tagged.push('c');
  state.version = 2;
  t.is(before.version, 1);
  t.deepEqual(tagged, ['a', 'b', 'c']);
  t.is(Object.getPrototypeOf(tagged), Array.prototype);
});

(process.env.COWLENS_FIXTURE_FAIL === '1' ? test : test.skip)('fails when asked to', (t) => {
  t.deepEqual({ ...snapshot({ ok: false }) }, { ok: true });
});
