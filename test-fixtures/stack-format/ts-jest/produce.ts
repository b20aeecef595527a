export function produce<T extends object>(base: T): T {
  console.warn('no draft');
  return { ...base };
}

export function check(n: number): number {
  if (n > 1) throw new RangeError(`too big: ${String(n)}`);
  return n;
}
