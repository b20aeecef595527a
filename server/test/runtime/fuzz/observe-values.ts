import type { CowlensRuntime } from '../../../src/runtime/index.js';

/**
 * A canonical description of what a program can observe of its variables: structure, key order,
 * holes, lengths, Map and Set order, Date values, `Array.isArray`, `JSON.stringify`, and identity
 * (each object is numbered at first sight, across all variables, so shared subgraphs, cycles and
 * aliases between variables show).
 */
export function describeValues(vars: readonly unknown[]): string {
  const ids = new Map<object, number>();
  const out: string[] = [];
  const describe = (v: unknown): string => {
    switch (typeof v) {
      case 'number':
        return Object.is(v, -0) ? '-0' : String(v);
      case 'string':
        return JSON.stringify(v);
      case 'undefined':
        return 'undefined';
      case 'object':
        break;
      default:
        return `${typeof v}:${String(v)}`;
    }
    if (v === null) return 'null';
    const known = ids.get(v);
    if (known !== undefined) return `#${String(known)}`;
    const id = ids.size;
    ids.set(v, id);
    if (v instanceof Date) return `Date#${String(id)}(${String(v.getTime())})`;
    if (v instanceof Map) return `Map#${String(id)}{${[...v.entries()].map(([k, x]) => `${describe(k)}=>${describe(x)}`).join(',')}}`;
    if (v instanceof Set) return `Set#${String(id)}{${[...v.values()].map(describe).join(',')}}`;
    const array = Array.isArray(v);
    const keys = Reflect.ownKeys(v).filter((k) => !(array && k === 'length'));
    const body = keys.map((k) => {
      const d = Object.getOwnPropertyDescriptor(v, k)!;
      return `${String(k)}${d.enumerable ? '' : '(hidden)'}:${describe((v as Record<PropertyKey, unknown>)[k])}`;
    });
    const proto = Object.getPrototypeOf(v) as unknown;
    const protoName = proto === Object.prototype || proto === Array.prototype ? '' : proto === null ? '(null-proto)' : '(proto)';
    if (array) {
      const holes: number[] = [];
      for (let i = 0; i < v.length; i++) if (!(i in v)) holes.push(i);
      return `Array#${String(id)}${protoName}[len=${String(v.length)} holes=${holes.join('.')}](${body.join(',')})`;
    }
    return `Object#${String(id)}${protoName}{${body.join(',')}}`;
  };
  for (const v of vars) {
    out.push(describe(v));
    let json: string;
    try {
      const text = JSON.stringify(v) as string | undefined;
      json = text ?? 'undefined';
    } catch (e) {
      json = `throws ${(e as Error).constructor.name}`;
    }
    out.push(`json=${json}`);
  }
  return out.join(' ; ');
}

/** Plain JavaScript: the semantics every mode must reproduce. */
export const plainJs: Pick<
  CowlensRuntime,
  'objectSpread' | 'objectRest' | 'arraySpread' | 'slice' | 'concat' | 'arrayFrom' | 'assign' | 'structuredClone' | 'jsonRoundTrip' | 'newMap' | 'newSet' | 'set' | 'del' | 'touch'
> = {
  objectSpread: (_site, source) => ({ ...(source as object) }),
  objectRest: (_site, source, excluded) => {
    const { [excluded[0]!]: _left, ...rest } = source as Record<PropertyKey, unknown>;
    return rest;
  },
  arraySpread: (_site, source) => [...source],
  slice: (_site, target, ...args) => (target as { slice(...a: unknown[]): unknown }).slice(...args),
  concat: (_site, target, ...args) => (target as { concat(...a: unknown[]): unknown }).concat(...args),
  arrayFrom: (_site, source) => Array.from(source as ArrayLike<unknown>),
  assign: (_site, target, ...sources) => Object.assign(target, ...sources) as object,
  structuredClone: (_site, value) => structuredClone(value),
  jsonRoundTrip: (_site, value) => JSON.parse(JSON.stringify(value)) as unknown,
  newMap: (_site, source) => new Map(source),
  newSet: (_site, source) => new Set(source),
  set: (target, key, value) => ((target as Record<PropertyKey, unknown>)[key] = value),
  // The reference must use the language's own delete, which throws in strict code when it fails.
  // eslint-disable-next-line @typescript-eslint/no-dynamic-delete
  del: (target, key) => delete (target as Record<PropertyKey, unknown>)[key],
  touch: (target) => target,
};
