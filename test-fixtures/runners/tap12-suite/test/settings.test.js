const t = require('tap');
const { withDefaults } = require('../src/settings.js');

t.test('defaults fill what is not given', (t) => {
  const settings = withDefaults({ tags: ['a'] });
  t.equal(settings.retries, 3);
  t.same(settings.tags, ['a', 'default']);
  t.end();
});
