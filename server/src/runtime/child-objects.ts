import { types } from 'node:util';
import { isObject } from './is-object.js';
import { isProxy } from './is-proxy.js';
import { builtinMap, builtinSet } from './captured-intrinsics.js';
import { Object, Reflect } from './captured-namespaces.js';

/**
 * The objects a node holds directly: a Map's keys and values, a Set's members, the values of an
 * object's or array's own data properties (a getter is never run). Dates, regular expressions and
 * binary data hold none a copy would follow, and a Proxy none that can be read without running its
 * traps (a view is walked as what it is, by its own handler). The walks over a value's graph (is a
 * view inside it? what does lending it reach?) all step through this.
 */
export function childObjects(node: object): object[] {
  const out: object[] = [];
  if (isProxy(node)) return out;
  const add = (v: unknown): void => {
    if (isObject(v)) out.push(v);
  };
  // By internal slot, not prototype: a Map whose prototype was swapped is still a Map, a Proxy of one is not.
  if (types.isMap(node)) {
    for (const [k, v] of builtinMap.entries(node)) {
      add(k);
      add(v);
    }
  } else if (types.isSet(node)) {
    for (const v of builtinSet.values(node)) add(v);
  } else if (!ArrayBuffer.isView(node) && !types.isDate(node) && !types.isRegExp(node)) {
    for (const key of Reflect.ownKeys(node)) {
      const d = Reflect.getOwnPropertyDescriptor(node, key);
      // Own `value` only: a descriptor inherits whatever the program put on Object.prototype.
      if (d && Object.hasOwn(d, 'value')) add(d.value);
    }
  }
  return out;
}
