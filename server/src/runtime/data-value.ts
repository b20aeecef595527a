import { Object, Reflect } from './captured-namespaces.js';
/**
 * A property's value without running a getter: cowlens must never run the program's code (a
 * getter with side effects would run once more than the program runs it). Accessors read as
 * undefined.
 */
export function dataValue(o: object, key: PropertyKey): unknown {
  const d = Reflect.getOwnPropertyDescriptor(o, key);
  // Own `value` only: a descriptor inherits whatever the program put on Object.prototype.
  return d && Object.hasOwn(d, 'value') ? (d.value as unknown) : undefined;
}
