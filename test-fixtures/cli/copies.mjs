// Three copy sites: a spread written once, a slice never written, a structuredClone written deep.
const state = { items: Array.from({ length: 200 }, (_, i) => ({ id: i, tags: ['t'] })), version: 1 };
const views = [];
for (let i = 0; i < 10; i++) views.push({ ...state });
views[0].version = 2;
const list = state.items.slice();
const deep = structuredClone(state);
deep.items[3].tags.push('changed');
console.log(views.length, views[0].version, state.version, list.length, deep.items[3].tags.join(','), state.items[3].tags.join(','));
