import { Object, Reflect } from '../captured-namespaces.js';
/**
 * A Date's time and a typed array's length and copy, read through the built-ins themselves: the
 * program may have swapped the prototype of a node since a view began to share it
 * (`Object.setPrototypeOf(date, null)`), and the node's own methods are then gone or another's.
 */
const typedArrayPrototype = Object.getPrototypeOf(Uint8Array.prototype) as Uint8Array;

export function dateTime(date: object): number {
  return Date.prototype.getTime.call(date);
}

export function typedLength(typed: object): number {
  return Reflect.get<Uint8Array, 'length'>(typedArrayPrototype, 'length', typed);
}

/** A copy of the typed array's elements, of its own element type. */
export function typedCopy(typed: object): object {
  return typedArrayPrototype.slice.call(typed);
}
