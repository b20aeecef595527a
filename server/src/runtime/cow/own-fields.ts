import { Object, Reflect } from '../captured-namespaces.js';
const DESCRIPTOR_FIELDS = ['value', 'writable', 'get', 'set', 'enumerable', 'configurable'] as const;

/**
 * A descriptor's own fields, in an object without a prototype. A trap's descriptor argument is an
 * ordinary object, and passing it on reads its fields by `HasProperty`: a `value` or `get` the
 * program put on Object.prototype would become part of the definition.
 */
export function ownFields(descriptor: PropertyDescriptor): PropertyDescriptor {
  const own = Object.create(null) as PropertyDescriptor;
  for (const field of DESCRIPTOR_FIELDS) if (Object.hasOwn(descriptor, field)) Reflect.set(own, field, Reflect.get(descriptor, field));
  return own;
}
