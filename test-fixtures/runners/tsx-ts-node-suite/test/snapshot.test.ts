import assert from 'node:assert/strict';
import { test } from 'node:test';
import { snapshot } from '../src/inventory';

test('a snapshot does not follow later writes', () => {
  const state = { version: 1, tags: ['a', 'b'] };
  const before = snapshot(state);
  const tagged = [...state.tags];
  tagged.push('c');
  state.version = 2;
  assert.equal(before.version, 1);
  assert.deepStrictEqual(tagged, ['a', 'b', 'c']);
});

test('fails when asked to', { skip: process.env.COWLENS_FIXTURE_FAIL !== '1' }, () => {
  assert.deepStrictEqual({ ...snapshot({ ok: false }) }, { ok: true });
});
