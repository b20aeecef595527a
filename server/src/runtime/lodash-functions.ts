import { Object, Reflect } from './captured-namespaces.js';
/**
 * Whether a function the instrumenter took for lodash's `clone` or `cloneDeep` is lodash's own. The
 * instrumenter finds the call by its name, but at run time the name may hold anything: a global `_`
 * of another library, a test's mock, the program's own object. Only lodash's function can be stood
 * for by a view; any other runs as written. Told by its source as V8 keeps it (lodash, lodash-es,
 * `lodash/cloneDeep` and `lodash.clonedeep` all define it as one call of `baseClone`), which a
 * wrapper, a bound function or a mock does not have.
 */
const sourceOf = Object.getOwnPropertyDescriptor(Function.prototype, 'toString')?.value as (this: unknown) => string;

export type LodashCopier = 'clone' | 'cloneDeep';

const SOURCE = /^function (clone|cloneDeep)\(value\) ?\{ ?return baseClone\(value, [\w |,]+\);? ?\}$/;

/** The last function found to be each copier: a program calls the same one again and again. */
const known: Record<LodashCopier, unknown> = { clone: undefined, cloneDeep: undefined };

export function isLodashCopier(fn: unknown, name: LodashCopier): boolean {
  if (fn === known[name]) return true;
  if (typeof fn !== 'function') return false;
  const source = Reflect.apply(sourceOf, fn, []).replace(/\s+/g, ' ');
  if (SOURCE.exec(source)?.[1] !== name) return false;
  known[name] = fn;
  return true;
}
