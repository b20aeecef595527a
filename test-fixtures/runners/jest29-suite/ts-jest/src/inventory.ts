export interface Item {
  readonly name: string;
  readonly count: number;
}

/** A new list with one item's count changed: the list is copied, and so is the item. */
export function restock(items: readonly Item[], name: string, count: number): Item[] {
  const next = items.slice();
  const index = next.findIndex((item) => item.name === name);
  if (index >= 0) next[index] = { ...next[index]!, count };
  return next;
}

/** A deep copy, kept as it was. */
export function snapshot<T>(state: T): T {
  return structuredClone(state);
}
