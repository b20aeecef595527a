import { create } from 'mutative';
import { produce } from 'immer';
import { cow } from '../../src/runtime/index.js';
import { type Contender, time, type Timing } from '../measure.js';
import { ITEMS, makeState, type State } from '../state.js';

function sum(state: State): number {
  let total = 0;
  const items = state.items;
  for (let i = 0; i < ITEMS; i++) {
    const item = items[i]!;
    total += item.id + (item.done ? 1 : 0) + item.text.length;
  }
  return total;
}

/** (e) A read-heavy loop (three fields of each of 10,000 items) through a view against plain reads. */
export function readLoop(): Timing[] {
  const state = makeState();
  const view = cow(makeState());
  // The floor of any view made of Proxies: every read through one, with no trap at all.
  const bare = makeState();
  const proxied = { ...bare, items: new Proxy(bare.items.map((item) => new Proxy(item, {})), {}) };
  const contenders: Contender[] = [
    { name: 'plain reads', op: () => sum(state) },
    { name: 'bare Proxy, no trap', op: () => sum(proxied) },
    { name: 'cowlens view', op: () => sum(view) },
    { name: 'Immer draft', op: () => produce(state, (d) => void sum(d as State)) },
    { name: 'Mutative draft', op: () => create(state, (d) => void sum(d as State)) },
  ];
  return time(contenders, () => 20);
}
