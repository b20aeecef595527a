/** The benchmark state: 10,000 items plus a little metadata, about 2.5 MB on the heap. */
export interface Item {
  id: number;
  done: boolean;
  text: string;
  tags: string[];
}

export interface State {
  items: Item[];
  meta: { version: number; owner: string };
}

export const ITEMS = 10_000;

export function makeState(): State {
  return {
    items: Array.from({ length: ITEMS }, (_, i) => ({ id: i, done: false, text: `item number ${String(i)}`, tags: ['a', 'b'] })),
    meta: { version: 1, owner: 'bench' },
  };
}
