// (f)'s copy-heavy program: a todo-list reducer applying 20,000 actions, every update a copy.
// The benchmark runs this text as it is and as the instrumenter rewrites it.
const actions = Array.from({ length: 20000 }, (_, i) => {
  switch (i % 4) {
    case 0:
      return { type: 'add', id: i, title: `todo ${i}` };
    case 1:
      return { type: 'toggle', index: i % 100 };
    case 2:
      return { type: 'filter', filter: i % 8 === 2 ? 'done' : 'all' };
    default:
      return { type: 'import', payload: { title: `imported ${i}`, tags: ['x', 'y'] } };
  }
});

function reducer(state, action) {
  const meta = Object.assign({}, state.meta);
  meta.revision = state.meta.revision + 1;
  meta.lastAction = action.type;
  switch (action.type) {
    case 'add':
      return { ...state, todos: [...state.todos.slice(1), { id: action.id, title: action.title, done: false, tags: [] }], meta };
    case 'toggle': {
      const todos = state.todos.slice();
      todos[action.index] = { ...todos[action.index], done: !todos[action.index].done };
      return { ...state, todos, meta };
    }
    case 'filter':
      return { ...state, filter: action.filter, meta };
    case 'import': {
      const payload = structuredClone(action.payload);
      const todos = [...state.todos];
      todos[0] = { id: -1, title: payload.title, done: false, tags: payload.tags };
      return { ...state, todos, meta };
    }
  }
}

return () => {
  let state = {
    todos: Array.from({ length: 100 }, (_, i) => ({ id: i, title: `todo ${i}`, done: false, tags: ['a'] })),
    filter: 'all',
    meta: { revision: 0, lastAction: '' },
  };
  for (const action of actions) state = reducer(state, action);
  return state;
};
