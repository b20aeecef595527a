// Provisional stand-in so the runtime can be exercised while the real model is written; the
// size-model work replaces this whole file.
export function shallowSize(value: unknown): number {
  if (typeof value === 'string') return 16 + Math.ceil(value.length / 8) * 8;
  if (typeof value !== 'object' || value === null) return 0;
  if (Array.isArray(value)) return 32 + 16 + value.length * 8;
  if (value instanceof Map || value instanceof Set) return 32 + 24 * value.size + 64;
  if (ArrayBuffer.isView(value)) return 64 + value.byteLength;
  return 24 + Object.keys(value).length * 8 + 32;
}

export function deepSize(value: unknown, options?: { strings?: boolean }): number {
  const seen = new Set<unknown>();
  const stack: unknown[] = [value];
  let total = 0;
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'string') {
      if (options?.strings === true) total += shallowSize(v);
      continue;
    }
    if (typeof v !== 'object' || v === null || seen.has(v)) continue;
    seen.add(v);
    total += shallowSize(v);
    if (v instanceof Map) for (const [k, x] of v) stack.push(k, x);
    else if (v instanceof Set) for (const x of v) stack.push(x);
    else if (!ArrayBuffer.isView(v)) for (const k of Object.keys(v)) stack.push((v as Record<string, unknown>)[k]);
  }
  return total;
}
