import type { SiteId } from '../figures/types.js';
import { shallowSize } from '../size/index.js';
import type { Track, WriteWatch } from './write-watch.js';

/** Watches a shallow copy: its top node and its source's. Returns the bytes it duplicated. */
export function watchShallow(watch: WriteWatch, site: SiteId, source: object, copy: object): { track: Track; bytes: number } {
  const track: Track = { site, copy: new WeakRef(copy), source: new WeakRef(source), materialized: false };
  watch.watch(track, copy, undefined);
  watch.watch(track, source, undefined);
  return { track, bytes: shallowSize(copy) };
}

/**
 * Watches a deep copy node by node, walking the copy and its source side by side (they have the
 * same shape wherever the copy is a faithful clone; where they differ, as JSON makes Dates into
 * strings, only the copy side is watched). Reads only own data properties: no getter runs.
 * Returns the bytes the copy duplicated, strings included (a deep copy allocates them anew).
 */
export function watchDeep(watch: WriteWatch, site: SiteId, source: unknown, copy: unknown): { track: Track | undefined; bytes: number } {
  if (typeof copy !== 'object' || copy === null) return { track: undefined, bytes: typeof copy === 'string' ? shallowSize(copy) : 0 };
  const track: Track = {
    site,
    copy: new WeakRef(copy),
    source: new WeakRef(typeof source === 'object' && source !== null ? source : copy),
    materialized: false,
  };
  let bytes = 0;
  const seen = new Set<object>();
  const stack: [unknown, unknown, object | undefined, object | undefined][] = [[copy, source, undefined, undefined]];
  while (stack.length > 0) {
    const [c, s, cParent, sParent] = stack.pop()!;
    if (typeof c === 'string') {
      bytes += shallowSize(c);
      continue;
    }
    if (typeof c !== 'object' || c === null || seen.has(c)) continue;
    seen.add(c);
    bytes += shallowSize(c);
    watch.watch(track, c, cParent);
    const sameShape = typeof s === 'object' && s !== null;
    if (sameShape) watch.watch(track, s, sParent);
    const sObj = sameShape ? s : undefined;
    if (c instanceof Map) {
      for (const [k, v] of c) stack.push([v, sObj instanceof Map ? sObj.get(k) : undefined, c, sObj]);
    } else if (c instanceof Set) {
      for (const v of c) stack.push([v, undefined, c, undefined]);
    } else if (!ArrayBuffer.isView(c)) {
      for (const key of Object.keys(c)) {
        const d = sObj ? Object.getOwnPropertyDescriptor(sObj, key) : undefined;
        stack.push([(c as Record<string, unknown>)[key], d && 'value' in d ? d.value : undefined, c, sObj]);
      }
    }
  }
  return { track, bytes };
}
