import { create } from 'mutative';
import { produce } from 'immer';
import { cow, createRuntime, snapshot } from '../../src/runtime/index.js';
import { type Contender, time, type Timing } from '../measure.js';
import { ITEMS, makeState, type State } from '../state.js';

/** (a) A deep copy of a 10,000-item state plus one nested write, from the same base each time. */
export function deepUpdate(): Timing[] {
  const state = makeState();
  const base = cow(makeState());
  const rt = createRuntime('cow');
  const site = rt.site('bench.ts', 1, 1, 'structured-clone');
  const at = rt.location('bench.ts', 2, 1);
  const k = (i: number): number => (i * 7919) % ITEMS;
  const contenders: Contender[] = [
    {
      name: 'hand-written slice+spread',
      op: (i) => {
        const items = state.items.slice();
        items[k(i)] = { ...items[k(i)]!, done: true };
        return { ...state, items };
      },
    },
    { name: 'Immer produce', op: (i) => produce(state, (d) => void (d.items[k(i)]!.done = true)) },
    { name: 'Mutative create', op: (i) => create(state, (d) => void (d.items[k(i)]!.done = true)) },
    {
      name: 'cowlens snapshot',
      op: (i) => {
        const next = snapshot(base);
        next.items[k(i)]!.done = true;
        return next;
      },
    },
    {
      name: 'cowlens structuredClone (cow mode)',
      op: (i) => {
        const next = rt.structuredClone(site, state);
        rt.set(next.items[k(i)]!, 'done', true, at);
        return next;
      },
    },
    {
      name: 'structuredClone',
      op: (i) => {
        const next = structuredClone(state);
        next.items[k(i)]!.done = true;
        return next;
      },
    },
    {
      name: 'JSON.parse(JSON.stringify())',
      op: (i) => {
        const next = JSON.parse(JSON.stringify(state)) as State;
        next.items[k(i)]!.done = true;
        return next;
      },
    },
  ];
  return time(contenders, (name) => (name.startsWith('structuredClone') || name.startsWith('JSON') ? 5 : 2000));
}
