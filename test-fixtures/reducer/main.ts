// A reducer whose copies are all necessary: every action returns a new state, and every copy it
// makes is written before the reducer returns. Copy-on-write has nothing to share here, and an
// honest report says so: no bytes saved at any of these sites, in either mode.

interface Todo {
  readonly id: number;
  readonly text: string;
  readonly done: boolean;
}

interface State {
  readonly count: number;
  readonly todos: readonly Todo[];
  readonly tags: Readonly<Record<string, number>>;
}

type Action = { type: 'increment' } | { type: 'add'; text: string } | { type: 'toggle'; id: number } | { type: 'tag'; name: string };

function reducer(s: State, action: Action): State {
  switch (action.type) {
    case 'increment':
      return { ...s, count: s.count + 1 };
    case 'add': {
      const todos = [...s.todos];
      todos.push({ id: todos.length, text: action.text, done: false });
      return { ...s, todos };
    }
    case 'toggle': {
      const todos = s.todos.slice();
      const old = todos[action.id]!;
      todos[action.id] = { ...old, done: !old.done };
      return { ...s, todos };
    }
    case 'tag': {
      const tags: Record<string, number> = Object.assign({}, s.tags);
      tags[action.name] = (tags[action.name] ?? 0) + 1;
      return { ...s, tags };
    }
  }
}

function initialState(): State {
  const todos: Todo[] = [];
  for (let i = 0; i < 150; i++) todos.push({ id: i, text: `todo ${i}`, done: i % 3 === 0 });
  const tags: Record<string, number> = {};
  for (let i = 0; i < 60; i++) tags[`tag${i}`] = i;
  return { count: 0, todos, tags };
}

const actions: Action[] = [];
for (let i = 0; i < 40; i++) {
  actions.push({ type: 'increment' });
  if (i % 2 === 0) actions.push({ type: 'add', text: `new ${i}` });
  if (i % 4 === 1) actions.push({ type: 'toggle', id: (i * 7) % 150 });
  if (i % 5 === 2) actions.push({ type: 'tag', name: `tag${i % 60}` });
}

let state = initialState();
for (const action of actions) state = reducer(state, action);

const done = state.todos.filter((t) => t.done).length;
console.log(`actions=${actions.length} count=${state.count} todos=${state.todos.length} done=${done}`);
console.log(`last todo: ${state.todos[state.todos.length - 1]!.text} tag2=${state.tags.tag2} tag7=${state.tags.tag7}`);
