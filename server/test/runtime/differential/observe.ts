/**
 * What a program can observe of its values, as one canonical string: structure, own keys in order
 * with their attributes, holes, lengths, Map and Set contents in order, Date values, prototypes,
 * `Array.isArray`, `in`, `for…in`, `JSON.stringify`, repeated reads (`v.x === v.x`), and identity
 * relations: each distinct object gets a number at its first visit (shared by all the values
 * observed together), so shared subgraphs, cycles and `copy.a === src.a` show as `#n` back-references.
 */
import { inspect } from 'node:util';
import { FN, keyCode, SYM, SYM_KEY } from './values.js';

export interface ObserveOptions {
  /** `util.inspect` of each value instead of the structural walk. */
  readonly inspect?: boolean;
}

const IN_KEYS: readonly PropertyKey[] = ['a', '0', '1', 'length', 'size', 'p1', 'toString', 'constructor', 'missing', SYM_KEY];

export function errorName(e: unknown): string {
  if (e instanceof Error || (typeof e === 'object' && e !== null && 'name' in e)) return String((e).name);
  return `non-error ${typeof e}`;
}

function protoName(p: object | null): string | undefined {
  if (p === null) return 'null';
  if (p === Object.prototype) return 'Object';
  if (p === Array.prototype) return 'Array';
  if (p === Map.prototype) return 'Map';
  if (p === Set.prototype) return 'Set';
  if (p === Date.prototype) return 'Date';
  if (p === Function.prototype) return 'Function';
  return undefined;
}

export class Observation {
  private readonly ids = new Map<unknown, number>();

  /** The canonical form of `value` within this observation (identities numbered across calls). */
  value(value: unknown, depth = 0): string {
    switch (typeof value) {
      case 'undefined':
        return 'undefined';
      case 'number':
        return Object.is(value, -0) ? '-0' : String(value);
      case 'string':
        return JSON.stringify(value);
      case 'boolean':
        return String(value);
      case 'bigint':
        return `${String(value)}n`;
      case 'symbol':
        return value === SYM ? 'SYM' : value === SYM_KEY ? 'SYM_KEY' : `Symbol(${value.description ?? ''})`;
      case 'function':
        return value === FN ? 'FN' : 'function';
      case 'object':
        if (value === null) return 'null';
        return this.object(value, depth);
    }
  }

  private object(x: object, depth: number): string {
    const known = this.ids.get(x);
    if (known !== undefined) return `#${String(known)}`;
    const id = this.ids.size;
    this.ids.set(x, id);
    if (depth > 12) return `#${String(id)}:too-deep`;
    const parts: string[] = [];
    const attempt = (label: string, f: () => string): void => {
      try {
        parts.push(`${label}=${f()}`);
      } catch (e) {
        parts.push(`${label}!${errorName(e)}`);
      }
    };
    attempt('tag', () => Object.prototype.toString.call(x));
    attempt('proto', () => {
      const p = Object.getPrototypeOf(x) as object | null;
      return protoName(p) ?? `other(${this.value(p, depth + 1)})`;
    });
    attempt('isArray', () => String(Array.isArray(x)));
    attempt('extensible', () => String(Object.isExtensible(x)));
    if (x instanceof Date) attempt('time', () => String(Date.prototype.getTime.call(x)));
    if (x instanceof Map) {
      attempt('size', () => String((x as Map<unknown, unknown>).size));
      attempt('entries', () => {
        const out: string[] = [];
        for (const [k, v] of x as Map<unknown, unknown>) {
          const got = (x as Map<unknown, unknown>).get(k);
          const has = (x as Map<unknown, unknown>).has(k);
          out.push(`${this.value(k, depth + 1)}=>${this.value(v, depth + 1)}${got === v ? '' : `(get:${this.value(got, depth + 1)})`}${has ? '' : '(!has)'}`);
        }
        return `{${out.join(', ')}}`;
      });
      attempt('forEach', () => {
        const out: string[] = [];
        (x as Map<unknown, unknown>).forEach((v, k) => out.push(`${this.value(k, depth + 1)}=>${this.value(v, depth + 1)}`));
        return out.join(',');
      });
    } else if (x instanceof Set) {
      attempt('size', () => String((x as Set<unknown>).size));
      attempt('values', () => {
        const out: string[] = [];
        for (const v of x as Set<unknown>) out.push(`${this.value(v, depth + 1)}${(x as Set<unknown>).has(v) ? '' : '(!has)'}`);
        return `{${out.join(', ')}}`;
      });
    }
    if (Array.isArray(x)) attempt('length', () => String(x.length));
    attempt('own', () => {
      const out: string[] = [];
      for (const key of Reflect.ownKeys(x)) {
        const d = Reflect.getOwnPropertyDescriptor(x, key);
        if (!d) {
          out.push(`${keyCode(key)}:<no descriptor>`);
          continue;
        }
        const flags = `${d.writable === true ? 'w' : ''}${d.enumerable === true ? 'e' : ''}${d.configurable === true ? 'c' : ''}`;
        if (d.get !== undefined || d.set !== undefined) {
          out.push(`${keyCode(key)}:accessor/${flags}`);
          continue;
        }
        const first = (x as Record<PropertyKey, unknown>)[key];
        const again = (x as Record<PropertyKey, unknown>)[key];
        const stable = Object.is(first, again) ? '' : `(reread:${this.value(again, depth + 1)})`;
        const viaDescriptor = Object.is(first, d.value) ? '' : `(descriptor:${this.value(d.value, depth + 1)})`;
        out.push(`${keyCode(key)}/${flags}:${this.value(first, depth + 1)}${stable}${viaDescriptor}`);
      }
      return `{${out.join(', ')}}`;
    });
    attempt('in', () => IN_KEYS.map((k) => (k in x ? '1' : '0')).join(''));
    attempt('forIn', () => {
      const keys: string[] = [];
      for (const k in x) keys.push(k);
      return keys.join(',');
    });
    return `#${String(id)}<${parts.join(' ')}>`;
  }
}

/** What an operation gave: its value, or the type of error it threw. */
export type Outcome = { readonly value: unknown } | { readonly threw: string } | undefined;

/**
 * One line for the step's outcome, then per variable its canonical form and its JSON (or what
 * JSON.stringify throws); the outcome and the variables share one numbering of identities.
 */
export function observeAll(vars: readonly unknown[], outcome: Outcome, options: ObserveOptions = {}): string {
  const lines: string[] = [];
  if (options.inspect) {
    const show = (v: unknown): string => {
      try {
        return inspect(v, { depth: 8 });
      } catch (e) {
        return `inspect threw ${errorName(e)}`;
      }
    };
    if (outcome) lines.push('threw' in outcome ? `threw ${outcome.threw}` : `result: ${show(outcome.value)}`);
    vars.forEach((v, i) => lines.push(`v${String(i)}: ${show(v)}`));
    return lines.join('\n');
  }
  const o = new Observation();
  const form = (v: unknown): string => {
    try {
      return o.value(v);
    } catch (e) {
      return `observation threw ${errorName(e)}`;
    }
  };
  if (outcome) lines.push('threw' in outcome ? `threw ${outcome.threw}` : `result = ${form(outcome.value)}`);
  vars.forEach((v, i) => {
    let json: string;
    try {
      // JSON.stringify gives undefined for undefined, functions and symbols, whatever its type says.
      const text = (JSON.stringify as (value: unknown) => string | undefined)(v);
      json = text ?? 'undefined';
    } catch (e) {
      json = `throws ${errorName(e)}`;
    }
    lines.push(`v${String(i)} = ${form(v)}`, `json(v${String(i)}) = ${json}`);
  });
  return lines.join('\n');
}
