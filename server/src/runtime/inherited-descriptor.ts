import { Reflect } from './captured-namespaces.js';
/**
 * The descriptor `key` has on `start` or the nearest object up its prototype chain that holds it:
 * what an assignment to an object inheriting from `start` would meet (a setter, a read-only
 * property). A Proxy on the chain runs its traps: a caller that must run none rules Proxies out first.
 */
export function inheritedDescriptor(start: object, key: PropertyKey): PropertyDescriptor | undefined {
  for (let o: object | null = start; o !== null; o = Reflect.getPrototypeOf(o)) {
    const d = Reflect.getOwnPropertyDescriptor(o, key);
    if (d) return d;
  }
  return undefined;
}
