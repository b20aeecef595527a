import { expect, test } from 'vitest';
import { snapshot } from '../src/inventory.js';

test('a snapshot does not follow later writes', () => {
  const state = { version: 1, tags: ['a', 'b'] };
  const before = snapshot(state);
  const tagged = [...state.tags];
  tagged.push('c');
  state.version = 2;
  expect(before.version).toBe(1);
  expect(tagged).toHaveLength(3);
});

test.runIf(process.env.COWLENS_FIXTURE_FAIL === '1')('fails when asked to', () => {
  expect({ ...snapshot({ ok: false }) }).toEqual({ ok: true });
});
