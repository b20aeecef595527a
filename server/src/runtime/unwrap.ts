import { anyViewMade, handlerOf, toPlain } from './cow/node-view.js';

/**
 * `value` with every view inside it replaced by what the view shows, for the native clone
 * functions (structuredClone, postMessage), which throw on a Proxy. Returns `value` itself when it
 * holds no view, so plain programs pay one walk (none before the first view) and no copy.
 */
export function toCloneable(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || !anyViewMade()) return value;
  if (!holdsView(value)) return value;
  return toPlain(value);
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

function childrenOf(node: object): Iterable<unknown> {
  if (node instanceof Map) return [...(node as Map<unknown, unknown>).keys(), ...(node as Map<unknown, unknown>).values()];
  if (node instanceof Set) return (node as Set<unknown>).values();
  if (ArrayBuffer.isView(node)) return [];
  return Object.values(node) as unknown[];
}
