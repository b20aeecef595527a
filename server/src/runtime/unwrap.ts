import { anyViewMade, handlerOf, toPlain } from './cow/node-view.js';

/**
 * `value` with every view inside it replaced by what the view shows, for the native clone
 * functions (structuredClone, postMessage), which throw on a Proxy. Returns `value` itself when it
 * holds no view, so plain programs pay one walk and no copy; containers on the way to a view are
 * copied, keeping cycles and shared subgraphs.
 */
export function toCloneable(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || !anyViewMade()) return value;
  if (!holdsView(value)) return value;
  return replaceViews(value, new Map());
}

function holdsView(root: object): boolean {
  const seen = new Set<object>();
  const stack: object[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (seen.has(node)) continue;
    seen.add(node);
    if (handlerOf(node)) return true;
    for (const child of childrenOf(node)) if (typeof child === 'object' && child !== null) stack.push(child);
  }
  return false;
}

function replaceViews(value: unknown, done: Map<object, unknown>): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const known = done.get(value);
  if (known !== undefined) return known;
  if (handlerOf(value)) {
    const plain = toPlain(value, done);
    done.set(value, plain);
    return plain;
  }
  if (value instanceof Map) {
    const out = new Map<unknown, unknown>();
    done.set(value, out);
    for (const [k, v] of value) out.set(replaceViews(k, done), replaceViews(v, done));
    return out;
  }
  if (value instanceof Set) {
    const out = new Set<unknown>();
    done.set(value, out);
    for (const v of value) out.add(replaceViews(v, done));
    return out;
  }
  if (ArrayBuffer.isView(value) || value instanceof Date || value instanceof RegExp) return value;
  const out: Record<PropertyKey, unknown> = Array.isArray(value) ? (new Array(value.length) as unknown as Record<PropertyKey, unknown>) : {};
  done.set(value, out);
  for (const key of Object.keys(value)) out[key] = replaceViews((value as Record<string, unknown>)[key], done);
  return out;
}

function childrenOf(node: object): Iterable<unknown> {
  if (node instanceof Map) return [...(node as Map<unknown, unknown>).keys(), ...(node as Map<unknown, unknown>).values()];
  if (node instanceof Set) return (node as Set<unknown>).values();
  if (ArrayBuffer.isView(node)) return [];
  return Object.values(node) as unknown[];
}
