// (g)'s program: a Redux Toolkit store dispatching 50,000 actions, every reducer writing immer's
// drafts (pushes, nested updates, deletes), then the whole state read once. It prints one JSON
// line, the milliseconds of the dispatches and the read, and a checksum of the state, so that the
// benchmark can time each variant (plain, observe, cow) without its start-up and check that they
// all computed the same state. The store keeps Redux Toolkit's defaults (immer freezes what it
// produces) except the development checks, which walk the whole state on every dispatch and are
// off in a production build.
import { configureStore, createSlice } from '@reduxjs/toolkit';

const ACTIONS = 50_000;
const KEPT = 200;

const todos = createSlice({
  name: 'todos',
  initialState: { items: [], counts: { added: 0, toggled: 0, renamed: 0, removed: 0 }, byTag: {} },
  reducers: {
    added(state, { payload }) {
      const item = { id: payload.id, title: `todo ${payload.id}`, done: false, tags: [payload.tag], notes: { edits: 0, last: '' } };
      state.byTag[payload.tag] = (state.byTag[payload.tag] ?? 0) + 1;
      state.counts.added++;
      // The list is a ring of KEPT items: past that, a new item replaces the oldest.
      if (state.items.length < KEPT) {
        state.items.push(item);
        return;
      }
      const slot = state.counts.removed++ % KEPT;
      state.byTag[state.items[slot].tags[0]]--;
      state.items[slot] = item;
    },
    toggled(state, { payload }) {
      const item = state.items[payload % state.items.length];
      item.done = !item.done;
      state.counts.toggled++;
    },
    renamed(state, { payload }) {
      const item = state.items[payload.at % state.items.length];
      item.title = payload.title;
      item.notes.edits++;
      item.notes.last = payload.title;
      if (item.tags.length < 4) item.tags.push('renamed');
      state.counts.renamed++;
    },
  },
});

const session = createSlice({
  name: 'session',
  initialState: { user: { name: 'bench', profile: { visits: 0, theme: 'light' } }, recent: [], flags: {} },
  reducers: {
    visited(state, { payload }) {
      state.user.profile.visits++;
      state.recent.unshift(payload);
      if (state.recent.length > 20) state.recent.pop();
    },
    flagged(state, { payload }) {
      if (payload in state.flags) delete state.flags[payload];
      else state.flags[payload] = true;
      state.user.profile.theme = state.user.profile.theme === 'light' ? 'dark' : 'light';
    },
  },
});

const { added, toggled, renamed } = todos.actions;
const { visited, flagged } = session.actions;

function action(i) {
  switch (i % 5) {
    case 0:
      return added({ id: i, tag: `t${i % 7}` });
    case 1:
      return toggled(i);
    case 2:
      return renamed({ at: i, title: `renamed ${i}` });
    case 3:
      return visited(`/page/${i % 50}`);
    default:
      return flagged(`f${i % 11}`);
  }
}

/** FNV-1a over the state's JSON: every value of the final state counts. */
function checksum(text) {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(16);
}

const actions = Array.from({ length: ACTIONS }, (_, i) => action(i));
const start = performance.now();
const store = configureStore({
  reducer: { todos: todos.reducer, session: session.reducer },
  middleware: (defaults) => defaults({ immutableCheck: false, serializableCheck: false }),
});
for (const a of actions) store.dispatch(a);
const sum = checksum(JSON.stringify(store.getState()));
const ms = performance.now() - start;
process.stdout.write(`${JSON.stringify({ ms, checksum: sum })}\n`);
