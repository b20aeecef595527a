import { Reflect } from './captured-namespaces.js';
/**
 * Gives `o` an own enumerable data property, as a copy (spread, rest, CopyDataProperties) defines
 * it. An assignment would not: it runs a setter up the prototype chain (one the program put on
 * Object.prototype, say), and `o.__proto__ = v` sets the prototype. The descriptor has no
 * prototype, so that no field is read from Object.prototype either.
 */
export function defineData(o: object, key: PropertyKey, value: unknown): void {
  Reflect.defineProperty(o, key, { __proto__: null, value, writable: true, enumerable: true, configurable: true } as PropertyDescriptor);
}
