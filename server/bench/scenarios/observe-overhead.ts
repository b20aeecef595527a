import { createRuntime, type Mode, type RuntimeHandle } from '../../src/runtime/index.js';
import { type Contender, time, type Timing } from '../measure.js';

/**
 * (f) A copy-heavy program, a todo-list reducer applying 20,000 actions, run plain and as the
 * instrumenter will emit it: every copy through the runtime, every property write through
 * `rt.set`, sites and locations registered once.
 */
interface Todo {
  id: number;
  title: string;
  done: boolean;
  tags: string[];
}
interface AppState {
  todos: Todo[];
  filter: string;
  meta: { revision: number; lastAction: string };
}
type Action = { type: 'add'; id: number; title: string } | { type: 'toggle'; index: number } | { type: 'filter'; filter: string } | { type: 'import'; payload: { title: string; tags: string[] } };

const ACTIONS: Action[] = Array.from({ length: 20_000 }, (_, i): Action => {
  switch (i % 4) {
    case 0:
      return { type: 'add', id: i, title: `todo ${String(i)}` };
    case 1:
      return { type: 'toggle', index: i % 100 };
    case 2:
      return { type: 'filter', filter: i % 8 === 2 ? 'done' : 'all' };
    default:
      return { type: 'import', payload: { title: `imported ${String(i)}`, tags: ['x', 'y'] } };
  }
});

const initial = (): AppState => ({
  todos: Array.from({ length: 100 }, (_, i) => ({ id: i, title: `todo ${String(i)}`, done: false, tags: ['a'] })),
  filter: 'all',
  meta: { revision: 0, lastAction: '' },
});

function plainReducer(state: AppState, action: Action): AppState {
  const meta = Object.assign({}, state.meta);
  meta.revision = state.meta.revision + 1;
  meta.lastAction = action.type;
  switch (action.type) {
    case 'add':
      return { ...state, todos: [...state.todos.slice(1), { id: action.id, title: action.title, done: false, tags: [] }], meta };
    case 'toggle': {
      const todos = state.todos.slice();
      todos[action.index] = { ...todos[action.index]!, done: !todos[action.index]!.done };
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

function instrumentedReducer(rt: RuntimeHandle): (state: AppState, action: Action) => AppState {
  const site = (line: number, kind: Parameters<RuntimeHandle['site']>[3]) => rt.site('reducer.ts', line, 1, kind);
  const s = {
    meta: site(1, 'object-assign'),
    add: site(2, 'object-spread'),
    addTodos: site(3, 'array-spread'),
    addSlice: site(4, 'array-slice'),
    toggleSlice: site(5, 'array-slice'),
    toggleItem: site(6, 'object-spread'),
    toggle: site(7, 'object-spread'),
    filter: site(8, 'object-spread'),
    clone: site(9, 'structured-clone'),
    importTodos: site(10, 'array-spread'),
    imported: site(11, 'object-spread'),
  };
  const at = { revision: rt.location('reducer.ts', 20, 1), last: rt.location('reducer.ts', 21, 1), todo: rt.location('reducer.ts', 22, 1) };
  return (state, action) => {
    const meta = rt.assign(s.meta, {}, state.meta) as AppState['meta'];
    rt.set(meta, 'revision', state.meta.revision + 1, at.revision);
    rt.set(meta, 'lastAction', action.type, at.last);
    switch (action.type) {
      case 'add':
        return rt.eager(s.add, state, {
          ...state,
          todos: rt.eager(s.addTodos, state.todos, [...(rt.slice(s.addSlice, state.todos, 1) as Todo[]), { id: action.id, title: action.title, done: false, tags: [] }]),
          meta,
        });
      case 'toggle': {
        const todos = rt.slice(s.toggleSlice, state.todos) as Todo[];
        rt.set(todos, action.index, rt.eager(s.toggleItem, todos[action.index], { ...todos[action.index]!, done: !todos[action.index]!.done }), at.todo);
        return rt.eager(s.toggle, state, { ...state, todos, meta });
      }
      case 'filter':
        return rt.eager(s.filter, state, { ...state, filter: action.filter, meta });
      case 'import': {
        const payload = rt.structuredClone(s.clone, action.payload);
        const todos = rt.arraySpread(s.importTodos, state.todos) as Todo[];
        rt.set(todos, 0, { id: -1, title: payload.title, done: false, tags: payload.tags }, at.todo);
        return rt.eager(s.imported, state, { ...state, todos, meta });
      }
    }
  };
}

function run(reducer: (state: AppState, action: Action) => AppState): AppState {
  let state = initial();
  for (const action of ACTIONS) state = reducer(state, action);
  return state;
}

export function observeOverhead(): Timing[] {
  const instrumented = (mode: Mode) => () => run(instrumentedReducer(createRuntime(mode)));
  const check = JSON.stringify(run(plainReducer));
  for (const mode of ['observe', 'cow'] as const) {
    if (JSON.stringify(instrumented(mode)()) !== check) throw new Error(`the instrumented reducer computed something else in ${mode} mode`);
  }
  const contenders: Contender[] = [
    { name: 'uninstrumented', op: () => run(plainReducer) },
    { name: 'observe mode', op: instrumented('observe') },
    { name: 'cow mode', op: instrumented('cow') },
  ];
  return time(contenders, () => 3);
}
