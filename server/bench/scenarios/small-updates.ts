import { create } from 'mutative';
import { produce } from 'immer';
import { cow, snapshot } from '../../src/runtime/index.js';
import { type Contender, time, type Timing } from '../measure.js';
import { ITEMS } from '../state.js';


/** (c) A new version of a 10,000-item array with one item pushed. */
export function pushOne(): Timing[] {
  const array = Array.from({ length: ITEMS }, (_, i) => ({ id: i }));
  const base = cow(Array.from({ length: ITEMS }, (_, i) => ({ id: i })));
  const contenders: Contender[] = [
    { name: 'hand-written spread', op: (i) => [...array, { id: i }] },
    { name: 'Immer produce', op: (i) => produce(array, (d) => void d.push({ id: i })) },
    { name: 'Mutative create', op: (i) => create(array, (d) => void d.push({ id: i })) },
    {
      name: 'cowlens snapshot',
      op: (i) => {
        const next = snapshot(base);
        next.push({ id: i });
        return next;
      },
    },
  ];
  return time(contenders, () => 2000);
}

/** (d) A new version of a 1,000-entry Map and a 1,000-value Set, one entry added to each. */
export function mapAndSet(): Timing[] {
  const entries = Array.from({ length: 1000 }, (_, i): [number, string] => [i, `v${String(i)}`]);
  const state = { map: new Map(entries), set: new Set(entries.map(([k]) => k)) };
  const base = cow({ map: new Map(entries), set: new Set(entries.map(([k]) => k)) });
  const contenders: Contender[] = [
    { name: 'hand-written new Map/new Set', op: (i) => ({ map: new Map(state.map).set(i, 'x'), set: new Set(state.set).add(-i) }) },
    {
      name: 'Immer produce',
      op: (i) =>
        produce(state, (d) => {
          d.map.set(i, 'x');
          d.set.add(-i);
        }),
    },
    {
      name: 'Mutative create',
      op: (i) =>
        create(state, (d) => {
          d.map.set(i, 'x');
          d.set.add(-i);
        }),
    },
    {
      name: 'cowlens snapshot',
      op: (i) => {
        const next = snapshot(base);
        next.map.set(i, 'x');
        next.set.add(-i);
        return next;
      },
    },
  ];
  return time(contenders, () => 2000);
}
