import { create } from 'mutative';
import { produce } from 'immer';
import { cow, snapshot } from '../../src/runtime/index.js';
import { retainedHeap } from '../measure.js';
import { ITEMS, makeState, type State } from '../state.js';

export interface HeapFigure {
  readonly name: string;
  readonly megabytes: number;
}

const VERSIONS = 200;
const item = (k: number): number => (k * 37) % ITEMS;

/** (b) 200 successive versions kept alive, one write each, heap measured after full collections. */
export function versionsHeap(): HeapFigure[] {
  const chain = (derive: (previous: State, k: number) => State): (() => unknown) => {
    const base = makeState();
    return () => {
      const kept: State[] = [base];
      for (let k = 0; k < VERSIONS; k++) kept.push(derive(kept[k]!, k));
      return kept;
    };
  };
  const contenders: [string, () => unknown][] = [
    ['structuredClone', chain((s, k) => {
      const next = structuredClone(s);
      next.items[item(k)]!.done = true;
      return next;
    })],
    ['Immer produce', chain((s, k) => produce(s, (d) => void (d.items[item(k)]!.done = true)))],
    ['Mutative create', chain((s, k) => create(s, (d) => void (d.items[item(k)]!.done = true)))],
    ['cowlens snapshot', (() => {
      const base = makeState();
      return () => {
        const kept: State[] = [cow(base)];
        for (let k = 0; k < VERSIONS; k++) {
          const next = snapshot(kept[k]!);
          next.items[item(k)]!.done = true;
          kept.push(next);
        }
        return kept;
      };
    })()],
  ];
  return contenders.map(([name, build]) => ({ name, megabytes: retainedHeap(build) / 1e6 }));
}
