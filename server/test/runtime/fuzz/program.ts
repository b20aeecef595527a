import fc from 'fast-check';
import type { CowlensRuntime } from '../../../src/runtime/index.js';

/**
 * Random programs over a few variables: copies of every kind, reads, writes, deletes, mutating
 * methods and aliasing, on copies, sources and both. A program runs against anything shaped like
 * the runtime's API, so plain JavaScript (the reference), observe mode and cow mode all run the
 * very same steps, and every step's observations must agree.
 */
export type CopyKindName =
  | 'objectSpread'
  | 'objectRest'
  | 'arraySpread'
  | 'slice'
  | 'concat'
  | 'arrayFrom'
  | 'assign'
  | 'structuredClone'
  | 'jsonRoundTrip'
  | 'newMap'
  | 'newSet';

export type Op =
  | { op: 'copy'; kind: CopyKindName; from: number; to: number }
  | { op: 'copyAt'; kind: CopyKindName; from: number; path: number[]; to: number }
  | { op: 'set'; target: number; path: number[]; key: number; value: Leaf }
  | { op: 'delete'; target: number; path: number[]; key: number }
  | { op: 'method'; target: number; path: number[]; method: string; args: number[] }
  | { op: 'alias'; from: number; fromPath: number[]; target: number; path: number[]; key: number }
  | { op: 'length'; target: number; path: number[]; length: number };

export type Leaf = number | string | boolean | null | { fresh: number };

export const VARIABLES = 4;

/** Nodes a value can hold: plain objects, arrays (with holes), Maps, Sets, Dates and primitives. */
const leaf: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer({ min: -5, max: 100 }),
  fc.constantFrom(0.5, -0, 1e21),
  fc.string({ maxLength: 4 }),
  fc.boolean(),
  fc.constant(null),
);

const { tree } = fc.letrec<{ tree: unknown; node: unknown }>((tie) => ({
  tree: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('node'), tie('node')),
  node: fc.oneof(
    fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd', 'e', '1', '10'), tie('tree'), { maxKeys: 5 }),
    fc.array(tie('tree'), { maxLength: 6 }),
    fc.sparseArray(tie('tree'), { maxLength: 8, noTrailingHole: false }),
    fc.array(fc.tuple(fc.constantFrom('k1', 'k2', 'k3', 4, 5), tie('tree')), { maxLength: 4 }).map((entries) => new Map(entries)),
    fc.array(fc.constantFrom(1, 2, 3, 'x', 'y'), { maxLength: 4 }).map((values) => new Set(values)),
    fc.integer({ min: 0, max: 2e12 }).map((t) => new Date(t)),
  ),
}));

/** A value, then links that make shared subgraphs and cycles inside it. */
export const valueArb: fc.Arbitrary<{ root: unknown; links: [number[], number[], number][] }> = fc.record({
  root: fc.oneof(tree.filter((v) => typeof v === 'object' && v !== null)),
  links: fc.array(fc.tuple(path(), path(), fc.nat(10)), { maxLength: 2 }),
});

function path(): fc.Arbitrary<number[]> {
  return fc.array(fc.nat(20), { maxLength: 3 });
}

const copyKind = fc.constantFrom<CopyKindName>(
  'objectSpread',
  'objectRest',
  'arraySpread',
  'slice',
  'concat',
  'arrayFrom',
  'assign',
  'structuredClone',
  'jsonRoundTrip',
  'newMap',
  'newSet',
);
const variable = fc.nat(VARIABLES - 1);
const value: fc.Arbitrary<Leaf> = fc.oneof(fc.integer({ min: -3, max: 50 }), fc.string({ maxLength: 3 }), fc.constant(null), fc.nat(1000).map((n) => ({ fresh: n })));
const METHODS = ['push', 'pop', 'shift', 'unshift', 'splice', 'sort', 'reverse', 'fill', 'copyWithin', 'set', 'delete', 'clear', 'add'];

export const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('copy' as const), kind: copyKind, from: variable, to: variable }),
  fc.record({ op: fc.constant('copyAt' as const), kind: copyKind, from: variable, path: path(), to: variable }),
  fc.record({ op: fc.constant('set' as const), target: variable, path: path(), key: fc.nat(12), value }),
  fc.record({ op: fc.constant('delete' as const), target: variable, path: path(), key: fc.nat(12) }),
  fc.record({ op: fc.constant('method' as const), target: variable, path: path(), method: fc.constantFrom(...METHODS), args: fc.array(fc.integer({ min: -3, max: 8 }), { maxLength: 3 }) }),
  fc.record({ op: fc.constant('alias' as const), from: variable, fromPath: path(), target: variable, path: path(), key: fc.nat(12) }),
  fc.record({ op: fc.constant('length' as const), target: variable, path: path(), length: fc.nat(8) }),
);

export const programArb = fc.array(opArb, { minLength: 1, maxLength: 12 });

const isObject = (v: unknown): v is object => typeof v === 'object' && v !== null;

/** The children a path step can go to: own enumerable values of objects and arrays, Map values. */
function children(node: object): unknown[] {
  if (node instanceof Map) return [...(node as Map<unknown, unknown>).values()];
  if (node instanceof Set || node instanceof Date) return [];
  return Object.keys(node).map((k) => (node as Record<string, unknown>)[k]);
}

/** The object a path leads to from `start`, stopping where it cannot go on. */
export function walk(start: unknown, steps: readonly number[]): unknown {
  let node = start;
  for (const step of steps) {
    if (!isObject(node)) break;
    const kids = children(node).filter(isObject);
    if (kids.length === 0) break;
    node = kids[step % kids.length];
  }
  return node;
}

/** A key of `node` chosen by `n`: an existing one, or a new one past them. */
function keyOf(node: object, n: number): string {
  if (Array.isArray(node)) return String(n % (node.length + 2));
  const keys = Object.keys(node);
  return n < keys.length ? keys[n]! : ['a', 'b', 'z', '7'][n % 4]!;
}

/** Builds the value a program starts from, links included (the same on every run: plain objects only). */
export function buildValue(spec: { root: unknown; links: [number[], number[], number][] }): unknown {
  const root = structuredClone(spec.root);
  for (const [fromPath, toPath, key] of spec.links) {
    const from = walk(root, fromPath);
    const to = walk(root, toPath);
    if (!isObject(from) || from instanceof Set || from instanceof Date || !isObject(to)) continue;
    if (from instanceof Map) from.set('k1', to);
    else (from as Record<string, unknown>)[keyOf(from, key)] = to;
  }
  return root;
}

type Api = Pick<CowlensRuntime, CopyKindName | 'set' | 'del' | 'touch'>;

export interface Run {
  readonly vars: unknown[];
  readonly log: string[];
}

/** Runs `program` against `api`, logging what every step shows. */
export function runProgram(api: Api, start: unknown, program: readonly Op[], observe: (vars: unknown[]) => string): Run {
  const vars: unknown[] = [start, undefined, undefined, undefined];
  const fresh = new Map<number, object>();
  const leafValue = (v: Leaf): unknown => {
    if (!isObject(v)) return v;
    let made = fresh.get(v.fresh);
    if (!made) fresh.set(v.fresh, (made = v.fresh % 2 === 0 ? { fresh: v.fresh } : [v.fresh]));
    return made;
  };
  const log: string[] = [];
  const site = 1;
  const loc = 1;
  for (const step of program) {
    let outcome = 'ok';
    try {
      switch (step.op) {
        case 'copy':
        case 'copyAt': {
          const source = step.op === 'copy' ? vars[step.from] : walk(vars[step.from], step.path);
          vars[step.to] = copy(api, step.kind, site, source);
          break;
        }
        case 'set': {
          const node = walk(vars[step.target], step.path);
          if (!isObject(node) || node instanceof Map || node instanceof Set || node instanceof Date) break;
          api.set(node, keyOf(node, step.key), leafValue(step.value), loc);
          break;
        }
        case 'delete': {
          const node = walk(vars[step.target], step.path);
          if (!isObject(node) || node instanceof Map || node instanceof Set || node instanceof Date) break;
          api.del(node, keyOf(node, step.key), loc);
          break;
        }
        case 'length': {
          const node = walk(vars[step.target], step.path);
          if (Array.isArray(node)) api.set(node, 'length', step.length, loc);
          break;
        }
        case 'method': {
          const node = walk(vars[step.target], step.path);
          callMethod(api, node, step.method, step.args, loc);
          break;
        }
        case 'alias': {
          const value = walk(vars[step.from], step.fromPath);
          const node = walk(vars[step.target], step.path);
          if (!isObject(node) || node instanceof Set || node instanceof Date) break;
          if (node instanceof Map) api.touch(node, loc).set('k2', value);
          else api.set(node, keyOf(node, step.key), value, loc);
          break;
        }
      }
    } catch (e) {
      outcome = `threw ${(e as Error).constructor.name}`;
    }
    log.push(`${outcome} | ${observe(vars)}`);
  }
  return { vars, log };
}

function copy(api: Api, kind: CopyKindName, site: number, source: unknown): unknown {
  switch (kind) {
    case 'objectSpread':
      return api.objectSpread(site, source);
    case 'objectRest':
      return api.objectRest(site, source, ['a']);
    case 'arraySpread':
      return api.arraySpread(site, source as Iterable<unknown>);
    case 'slice':
      return api.slice(site, source);
    case 'concat':
      return api.concat(site, source);
    case 'arrayFrom':
      return api.arrayFrom(site, source);
    case 'assign':
      return api.assign(site, {}, source);
    case 'structuredClone':
      return api.structuredClone(site, source);
    case 'jsonRoundTrip':
      return api.jsonRoundTrip(site, source);
    case 'newMap':
      return api.newMap(site, source as Map<unknown, unknown>);
    case 'newSet':
      return api.newSet(site, source as Set<unknown>);
  }
}

function callMethod(api: Api, node: unknown, method: string, args: number[], loc: number): void {
  if (Array.isArray(node)) {
    const a = api.touch(node, loc) as unknown as Record<string, (...xs: unknown[]) => unknown>;
    switch (method) {
      case 'push':
      case 'unshift':
      case 'fill':
      case 'copyWithin':
      case 'splice':
        a[method]!(...args);
        return;
      case 'pop':
      case 'shift':
      case 'reverse':
        a[method]!();
        return;
      case 'sort':
        a.sort!((x: unknown, y: unknown) => String(x).localeCompare(String(y)));
        return;
    }
    return;
  }
  if (node instanceof Map) {
    const m = api.touch(node, loc);
    if (method === 'set') m.set(args[0] ?? 'k1', args[1] ?? 0);
    else if (method === 'delete') m.delete(args[0] ?? 'k1');
    else if (method === 'clear') m.clear();
  } else if (node instanceof Set) {
    const s = api.touch(node, loc);
    if (method === 'add') s.add(args[0] ?? 'x');
    else if (method === 'delete') s.delete(args[0] ?? 1);
    else if (method === 'clear') s.clear();
  } else if (node instanceof Date && method === 'set') {
    api.touch(node, loc).setTime(args[0] ?? 0);
  }
}
