/** Remembers `key` in a set made on first use: the write narrows `t.o.seen` for the lines after it. */
export function remember(t: { o: { seen?: Set<string> } }, key: string): number {
  t.o.seen = t.o.seen ?? new Set();
  t.o.seen.add(key);
  return t.o.seen.size;
}

/** Writes two levels down by `=`, `+=`, `++`, `??=`, a method and `delete`, each read narrowed after. */
export function tally(t: { a: { b: { n?: number; seen?: string[] } } }): number {
  t.a.b.n = 0;
  t.a.b.n += 2;
  t.a.b.n++;
  t.a.b.seen ??= [];
  t.a.b.seen.push('x');
  const total = t.a.b.n + t.a.b.seen.length;
  delete t.a.b.n;
  return total;
}
