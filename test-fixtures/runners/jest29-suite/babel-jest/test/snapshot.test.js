const { snapshot } = require('../src/inventory.js');

test('a snapshot does not follow later writes', () => {
  const state = { version: 1, tags: ['a', 'b'] };
  const before = snapshot(state);
  const tagged = [...state.tags];
  tagged.push('c');
  state.version = 2;
  expect(before.version).toBe(1);
  expect(tagged).toStrictEqual(['a', 'b', 'c']);
  expect(Object.getPrototypeOf(tagged)).toBe(Array.prototype);
});

(process.env.COWLENS_FIXTURE_FAIL === '1' ? test : test.skip)('fails when asked to', () => {
  expect({ ...snapshot({ ok: false }) }).toEqual({ ok: true });
});
