/**
 * Random programs over a small pool of variables, and an interpreter that runs one program with
 * a given implementation of copies and writes: plain JS, or a cowlens runtime (instrumented code),
 * or the public cow()/snapshot() API. Each step's outcome and the observation of every variable
 * after it form the run's log; two implementations agree when their logs are equal.
 */
import fc from 'fast-check';
import { type CowlensRuntime, isCow } from '../../../src/runtime/index.js';
import type { CopyKind as SiteKind } from '../../../src/runtime/copy-kinds.js';
import { errorName, type ObserveOptions, observeAll, type Outcome } from './observe.js';
import { build, buildEnv, envCode, type EnvSpec, keyCode, MAP_KEYS, PRIMS, resetTrapCalls, type Spec, specArbitrary, specCode, SYM_KEY, takeTrapCalls, type ValueOptions } from './values.js';

export interface Ref {
  readonly v: number;
  /** Instead of v: the variable the last copy went to (v0 before any copy). */
  readonly last: boolean;
  /** Selectors: each picks the n-th object-valued child (wrapping around), read lazily. */
  readonly path: readonly number[];
}

export type ValueSrc = { readonly spec: Spec } | { readonly ref: Ref };
export type KeySel = { readonly fixed: number } | { readonly existing: number };

export const COPY_KINDS = [
  'objectSpread',
  'objectRest',
  'arraySpread',
  'slice',
  'concat',
  'arrayFrom',
  'arrayFromMapFn',
  'assign',
  'assignNullProto',
  'assignTwo',
  'structuredClone',
  'jsonRoundTrip',
  'newMap',
  'newSet',
] as const;
export type CopyKind = (typeof COPY_KINDS)[number] | 'snapshot' | 'cow';

export type Op =
  | {
      readonly op: 'copy';
      /** The copy kind, or, when `fit` is set, the fit-th (wrapping) of the kinds that suit the source as resolved. */
      readonly kind: CopyKind;
      readonly fit: number | undefined;
      readonly dst: number;
      readonly src: Ref;
      readonly rest: readonly number[];
      readonly sliceArgs: number;
      readonly other: Ref | undefined;
    }
  | { readonly op: 'fresh'; readonly dst: number; readonly value: Spec }
  | { readonly op: 'let'; readonly dst: number; readonly src: Ref }
  | { readonly op: 'read'; readonly src: Ref }
  | { readonly op: 'set'; readonly target: Ref; readonly key: KeySel; readonly value: ValueSrc }
  | { readonly op: 'del'; readonly target: Ref; readonly key: KeySel }
  | { readonly op: 'mutate'; readonly target: Ref; readonly which: number; readonly ints: readonly number[]; readonly values: readonly ValueSrc[]; readonly key: number }
  | { readonly op: 'reshape'; readonly target: Ref; readonly which: number; readonly key: KeySel; readonly value: ValueSrc };

/** Writes by other means than assignment, each after rt.touch: attributes, accessors, prototypes, integrity levels. */
const RESHAPES = ['freeze', 'seal', 'preventExtensions', 'defineHidden', 'defineGetter', 'defineReadOnly', 'setPrototypeNull', 'setPrototypeArray'] as const;

/** A getter shared by the runs (frozen, so that nothing leaks between them). */
const GETTER = Object.freeze(function getter(): string {
  return 'got';
});

/** Keys that writes and deletes use (or an existing key of the target). */
export const WRITE_KEYS: readonly PropertyKey[] = ['a', 'b', 'c', '0', '1', '2', '5', '10', 'length', 'p1', 'x y', SYM_KEY];
export const SLICE_ARGS: readonly (readonly unknown[])[] = [[], [0], [0, 1000], [1], [1, 3], [-2], [undefined, undefined]];

const ARRAY_METHODS = ['push', 'pop', 'shift', 'unshift', 'splice', 'spliceFrom', 'sort', 'sortBy', 'reverse', 'fill', 'fillRange', 'copyWithin', 'setLength'] as const;
const MAP_METHODS = ['set', 'setExisting', 'delete', 'deleteExisting', 'clear'] as const;
const SET_METHODS = ['add', 'addExisting', 'delete', 'deleteExisting', 'clear'] as const;

/** How a program copies and writes. */
export interface Impl {
  readonly name: string;
  /** A value the program starts from or creates (`v = literal`). */
  adopt(value: unknown): unknown;
  copy(kind: CopyKind, src: unknown, rest: readonly PropertyKey[], sliceArgs: readonly unknown[], other: unknown): unknown;
  set(target: unknown, key: PropertyKey, value: unknown): unknown;
  del(target: unknown, key: PropertyKey): boolean;
  touch<T>(target: T): T;
  /** When given: whether the program writes `target` at all (a write it declines is skipped). */
  mayWrite?(target: unknown): boolean;
  /** When given: told of the target of each Proxy the program starts with, before the Proxy is made. */
  proxied?(target: object): void;
}

// ---------------------------------------------------------------------------------------------
// Implementations

function restPlain(src: unknown, ex: readonly PropertyKey[]): object {
  const s = src as Record<PropertyKey, unknown>;
  switch (ex.length) {
    case 0: {
      const { ...rest } = s;
      return rest;
    }
    case 1: {
      const { [ex[0]!]: _a, ...rest } = s;
      return rest;
    }
    default: {
      const { [ex[0]!]: _a, [ex[1]!]: _b, ...rest } = s;
      return rest;
    }
  }
}

const identity = (x: unknown): unknown => x;

export function plainCopy(kind: CopyKind, src: unknown, rest: readonly PropertyKey[], sliceArgs: readonly unknown[], other: unknown): unknown {
  const s = src as never;
  switch (kind) {
    case 'objectSpread':
      return { ...(s as object) };
    case 'objectRest':
      return restPlain(src, rest);
    case 'arraySpread':
      return [...(s as unknown[])];
    case 'slice':
      return (s as { slice(...a: unknown[]): unknown }).slice(...sliceArgs);
    case 'concat':
      return other === undefined ? (s as { concat(...a: unknown[]): unknown }).concat() : (s as { concat(...a: unknown[]): unknown }).concat(other);
    case 'arrayFrom':
      return Array.from(s as unknown[]);
    case 'arrayFromMapFn':
      return Array.from(s as unknown[], identity);
    case 'assign':
      return Object.assign({}, s);
    case 'assignNullProto':
      return Object.assign(Object.create(null) as object, s);
    case 'assignTwo':
      return Object.assign({}, s, other);
    case 'structuredClone':
    case 'snapshot':
    case 'cow':
      return structuredClone(s);
    case 'jsonRoundTrip':
      return JSON.parse(JSON.stringify(s)) as unknown;
    case 'newMap':
      return new Map(s as Map<unknown, unknown>);
    case 'newSet':
      return new Set(s as Set<unknown>);
  }
}

export const plainImpl: Impl = {
  name: 'plain',
  adopt: (v) => v,
  copy: plainCopy,
  set: (target, key, value) => ((target as Record<PropertyKey, unknown>)[key] = value),
  // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- the reference is the plain delete
  del: (target, key) => delete (target as Record<PropertyKey, unknown>)[key],
  touch: (target) => target,
};

const SITE_KINDS: Record<(typeof COPY_KINDS)[number], SiteKind> = {
  objectSpread: 'object-spread',
  objectRest: 'object-rest',
  arraySpread: 'array-spread',
  slice: 'array-slice',
  concat: 'array-concat',
  arrayFrom: 'array-from',
  arrayFromMapFn: 'array-from',
  assign: 'object-assign',
  assignNullProto: 'object-assign-proto',
  assignTwo: 'object-assign',
  structuredClone: 'structured-clone',
  jsonRoundTrip: 'json-roundtrip',
  newMap: 'map-copy',
  newSet: 'set-copy',
};

/** Instrumented code: copies and writes through the runtime, as the instrumenter emits them. */
export function runtimeImpl(rt: CowlensRuntime, stats?: CopyStats): Impl {
  const sites = new Map<string, number>();
  COPY_KINDS.forEach((k, i) => sites.set(k, rt.site('program.js', 10 + i, 1, SITE_KINDS[k])));
  const site = (k: string): number => sites.get(k)!;
  const loc = rt.location('program.js', 1, 1);
  return {
    name: rt.mode,
    adopt: (v) => v,
    copy(kind, src, rest, sliceArgs, other) {
      const copy = runtimeCopy(kind, src, rest, sliceArgs, other);
      if (stats) {
        const s = (stats[kind] ??= { copies: 0, views: 0 });
        s.copies++;
        if (isCow(copy)) s.views++;
      }
      return copy;
    },
    set: (target, key, value) => rt.set(target, key, value, loc),
    del: (target, key) => rt.del(target, key, loc),
    touch: (target) => rt.touch(target, loc),
    // As instrumented code does at `new Proxy(target, handler)`.
    proxied: (target) => {
      rt.proxied(target, loc);
    },
  };

  function runtimeCopy(kind: CopyKind, src: unknown, rest: readonly PropertyKey[], sliceArgs: readonly unknown[], other: unknown): unknown {
      switch (kind) {
        case 'objectSpread':
          return rt.objectSpread(site(kind), src);
        case 'objectRest': {
          // As instrumented code does it: the pattern reads the keys it names, then the runtime copies the rest.
          const from = rt.restSource(site(kind), src) as Record<PropertyKey, unknown>;
          for (const key of rest) Reflect.get(Object(from), key, from);
          return rt.objectRest(site(kind), from, rest);
        }
        case 'arraySpread':
          return rt.arraySpread(site(kind), src as unknown[]);
        case 'slice':
          return rt.slice(site(kind), src, ...sliceArgs);
        case 'concat':
          return other === undefined ? rt.concat(site(kind), src) : rt.concat(site(kind), src, other);
        case 'arrayFrom':
          return rt.arrayFrom(site(kind), src);
        case 'arrayFromMapFn':
          return rt.arrayFrom(site(kind), src, identity);
        case 'assign':
          return rt.assign(site(kind), {}, src);
        case 'assignNullProto':
          return rt.assign(site(kind), Object.create(null) as object, src);
        case 'assignTwo':
          return rt.assign(site(kind), {}, src, other);
        case 'structuredClone':
          return rt.structuredClone(site(kind), src);
        case 'jsonRoundTrip':
          return rt.jsonRoundTrip(site(kind), src);
        case 'newMap':
          return rt.newMap(site(kind), src as Map<unknown, unknown>);
        case 'newSet':
          return rt.newSet(site(kind), src as Set<unknown>);
        case 'snapshot':
        case 'cow':
          throw new Error(`not a runtime copy: ${kind}`);
      }
  }
}

/** Per copy kind: copies made, and how many of them came back as copy-on-write views. */
export type CopyStats = Partial<Record<CopyKind, { copies: number; views: number }>>;

export function statsLine(stats: CopyStats): string {
  return Object.entries(stats)
    .map(([k, s]) => `${k} ${String(s.views)}/${String(s.copies)}`)
    .join(', ');
}

// ---------------------------------------------------------------------------------------------
// Interpreter

interface Resolved {
  readonly value: unknown;
  readonly code: string;
}

const isObject = (x: unknown): x is object => typeof x === 'object' && x !== null;

/** The variable each run's last copy went to, by the run's variables. */
const lastCopy = new WeakMap<readonly unknown[], number>();

/**
 * Follows a ref's selectors: each picks, among the keys (Map keys, Set elements) of the current
 * value starting at `sel % count`, the first whose value is an object, reading one value at a time
 * (so that a view's other children are first read later, as a program would).
 */
export function resolve(vars: readonly unknown[], ref: Ref): Resolved {
  const v = ref.last ? (lastCopy.get(vars) ?? 0) : ref.v;
  let value = vars[v];
  let code = `v${String(v)}`;
  for (const sel of ref.path) {
    if (!isObject(value)) break;
    let next: Resolved | undefined;
    if (value instanceof Map) {
      const keys = [...(value as Map<unknown, unknown>).keys()];
      for (let j = 0; j < keys.length && !next; j++) {
        const k = keys[(sel + j) % keys.length];
        const v = (value as Map<unknown, unknown>).get(k);
        if (isObject(v)) next = { value: v, code: `${code}.get(${primCode(k)})` };
      }
    } else if (value instanceof Set) {
      const items = [...(value as Set<unknown>)];
      for (let j = 0; j < items.length && !next; j++) {
        const i = (sel + j) % items.length;
        if (isObject(items[i])) next = { value: items[i], code: `[...${code}][${String(i)}]` };
      }
    } else {
      const keys = Reflect.ownKeys(value);
      for (let j = 0; j < keys.length && !next; j++) {
        const k = keys[(sel + j) % keys.length]!;
        const v = (value as Record<PropertyKey, unknown>)[k];
        if (isObject(v)) next = { value: v, code: `${code}[${keyCode(k)}]` };
      }
    }
    if (!next) break;
    ({ value, code } = next);
  }
  return { value, code };
}

function primCode(k: unknown): string {
  if (typeof k === 'string') return JSON.stringify(k);
  if (typeof k === 'bigint') return `${String(k)}n`;
  return String(k);
}

function pickKey(target: unknown, sel: KeySel): PropertyKey {
  if ('existing' in sel && isObject(target)) {
    const keys = Reflect.ownKeys(target);
    if (keys.length > 0) return keys[sel.existing % keys.length]!;
  }
  // The symbol key (last) only when chosen as such: programs over plain data never write it.
  return 'fixed' in sel ? WRITE_KEYS[sel.fixed % WRITE_KEYS.length]! : WRITE_KEYS[sel.existing % (WRITE_KEYS.length - 1)]!;
}

const rank = (x: unknown): number => (typeof x === 'number' && Number.isFinite(x) ? x : typeof x === 'string' ? x.length : 100);
const byRank = (a: unknown, b: unknown): number => rank(a) - rank(b);

export interface Run {
  readonly log: string[];
  readonly transcript: string[];
}

export interface RunOptions extends ObserveOptions {
  /** False: observe only the step outcomes and, after the last step, the variables. */
  readonly observeEvery?: boolean;
  /** False: a program adds a string in place of an object to a Set. */
  readonly setObjects?: boolean;
  /** False: a program writes index "0" in place of any other property that is not an index or length of an array. */
  readonly arrayProps?: boolean;
}

function isArrayIndex(key: PropertyKey): boolean {
  return typeof key === 'string' && String(Number(key) >>> 0) === key && key !== '4294967295';
}

function arrayKey(target: unknown, key: PropertyKey, options: RunOptions): PropertyKey {
  return options.arrayProps === false && Array.isArray(target) && key !== 'length' && !isArrayIndex(key) ? '0' : key;
}

export function runProgram(env: EnvSpec, ops: readonly Op[], impl: Impl, nvars: number, options: RunOptions = {}): Run {
  const vars: unknown[] = new Array<unknown>(nvars).fill(undefined);
  resetTrapCalls();
  const initial = buildEnv(env, (target) => impl.proxied?.(target)).slice(0, nvars);
  const transcript: string[] = [];
  const log: string[] = [];
  initial.forEach((v, i) => {
    try {
      vars[i] = impl.adopt(v);
    } catch (e) {
      transcript.push(`// adopting v${String(i)} threw ${errorName(e)}`);
    }
  });
  const every = options.observeEvery !== false;
  // Each line ends with the calls of the program's Proxies' traps that the step and its observation made.
  const observed = (line: string): string => `${line}\ntraps: ${takeTrapCalls()}`;
  if (every) log.push(observed(observeAll(vars, undefined, options)));
  ops.forEach((op, step) => {
    const code: string[] = [];
    let outcome: Outcome;
    try {
      outcome = { value: runOp(op, vars, impl, code, options) };
    } catch (e) {
      outcome = { threw: errorName(e) };
    }
    transcript.push(`${code.join('') || opCode(op)};${'threw' in outcome ? `  // throws ${outcome.threw}` : ''}`);
    if (every || step === ops.length - 1) log.push(observed(observeAll(vars, outcome, options)));
    else log.push(observed(observeAll([], outcome, options)));
  });
  if (!every && ops.length === 0) log.push(observed(observeAll(vars, undefined, options)));
  return { log, transcript };
}

const SKIPPED = 'write skipped';

function skipped(impl: Impl, target: Resolved, code: string[]): boolean {
  if (!impl.mayWrite || impl.mayWrite(target.value)) return false;
  code.push(`/* a write into ${target.code}, skipped */ undefined`);
  return true;
}

/** A value an op stores: read from a variable, or a fresh plain literal. */
function valueOf(src: ValueSrc, vars: readonly unknown[]): Resolved {
  if ('ref' in src) return resolve(vars, src.ref);
  return { value: build(src.spec), code: specCode(src.spec) };
}

function runOp(op: Op, vars: unknown[], impl: Impl, code: string[], options: RunOptions): unknown {
  switch (op.op) {
    case 'copy': {
      const src = resolve(vars, op.src);
      const kind = op.fit === undefined ? op.kind : fittingKind(src.value, op.fit, op.kind);
      const rest = op.rest.map((i) => WRITE_KEYS[i % WRITE_KEYS.length]!);
      const sliceArgs = SLICE_ARGS[op.sliceArgs % SLICE_ARGS.length]!;
      const other = op.other && (kind === 'concat' || kind === 'assignTwo') ? resolve(vars, op.other) : undefined;
      code.push(`v${String(op.dst)} = ${copyCode(kind, src.code, rest, sliceArgs, other?.code)}`);
      lastCopy.set(vars, op.dst);
      vars[op.dst] = impl.copy(kind, src.value, rest, sliceArgs, other?.value);
      return vars[op.dst];
    }
    case 'fresh': {
      code.push(`v${String(op.dst)} = ${specCode(op.value)}`);
      vars[op.dst] = impl.adopt(build(op.value));
      return vars[op.dst];
    }
    case 'let': {
      const src = resolve(vars, op.src);
      code.push(`v${String(op.dst)} = ${src.code}`);
      vars[op.dst] = src.value;
      return src.value;
    }
    case 'read': {
      const src = resolve(vars, op.src);
      code.push(src.code);
      return src.value;
    }
    case 'set': {
      const target = resolve(vars, op.target);
      if (skipped(impl, target, code)) return SKIPPED;
      const key = arrayKey(target.value, pickKey(target.value, op.key), options);
      let value = valueOf(op.value, vars);
      // An array's length set to an object (a Date: ~1e12) would make every later walk of it hopeless.
      if (key === 'length' && Array.isArray(target.value) && isObject(value.value)) value = { value: 1, code: '1' };
      code.push(`${target.code}[${keyCode(key)}] = ${value.code}`);
      return impl.set(target.value, key, value.value);
    }
    case 'del': {
      const target = resolve(vars, op.target);
      if (skipped(impl, target, code)) return SKIPPED;
      const key = pickKey(target.value, op.key);
      code.push(`delete ${target.code}[${keyCode(key)}]`);
      return impl.del(target.value, key);
    }
    case 'mutate':
      return mutate(op, vars, impl, code, options);
    case 'reshape': {
      const target = resolve(vars, op.target);
      if (skipped(impl, target, code)) return SKIPPED;
      const t = target.value;
      const key = arrayKey(t, pickKey(t, op.key), options);
      let value = valueOf(op.value, vars);
      if (key === 'length' && Array.isArray(t) && isObject(value.value)) value = { value: 1, code: '1' };
      const k = keyCode(key);
      switch (RESHAPES[op.which % RESHAPES.length]!) {
        case 'freeze':
          code.push(`Object.freeze(${target.code})`);
          return Object.freeze(impl.touch(t));
        case 'seal':
          code.push(`Object.seal(${target.code})`);
          return Object.seal(impl.touch(t));
        case 'preventExtensions':
          code.push(`Object.preventExtensions(${target.code})`);
          return Object.preventExtensions(impl.touch(t));
        case 'defineHidden':
          code.push(`Object.defineProperty(${target.code}, ${k}, { value: ${value.code}, writable: true, enumerable: false, configurable: true })`);
          return Object.defineProperty(impl.touch(t), key, { value: value.value, writable: true, enumerable: false, configurable: true });
        case 'defineGetter':
          code.push(`Object.defineProperty(${target.code}, ${k}, { get: () => "got", enumerable: true, configurable: true })`);
          return Object.defineProperty(impl.touch(t), key, { get: GETTER, enumerable: true, configurable: true });
        case 'defineReadOnly':
          code.push(`Object.defineProperty(${target.code}, ${k}, { value: ${value.code}, writable: false, enumerable: true, configurable: false })`);
          return Object.defineProperty(impl.touch(t), key, { value: value.value, writable: false, enumerable: true, configurable: false });
        case 'setPrototypeNull':
          code.push(`Object.setPrototypeOf(${target.code}, null)`);
          return Object.setPrototypeOf(impl.touch(t), null) as unknown;
        case 'setPrototypeArray':
          code.push(`Object.setPrototypeOf(${target.code}, Array.prototype)`);
          return Object.setPrototypeOf(impl.touch(t), Array.prototype) as unknown;
      }
    }
  }
}

function mutate(op: Extract<Op, { op: 'mutate' }>, vars: unknown[], impl: Impl, code: string[], options: RunOptions): unknown {
  const target = resolve(vars, op.target);
  if (skipped(impl, target, code)) return SKIPPED;
  const t = target.value;
  const values = op.values.map((v) => valueOf(v, vars));
  const first = values[0] ?? { value: undefined, code: 'undefined' };
  const v0 = first;
  const [i0 = 0, i1 = 0, i2] = op.ints;
  const call = (method: string, args: unknown[], argCodes: string[]): unknown => {
    code.push(`${target.code}.${method}(${argCodes.join(', ')})`);
    return (impl.touch(t) as Record<string, (...a: unknown[]) => unknown>)[method]!(...args);
  };
  if (Array.isArray(t)) {
    const method = ARRAY_METHODS[op.which % ARRAY_METHODS.length]!;
    switch (method) {
      case 'push':
      case 'unshift':
        return call(
          method,
          values.map((v) => v.value),
          values.map((v) => v.code),
        );
      case 'pop':
      case 'shift':
      case 'reverse':
      case 'sort':
        return call(method, [], []);
      case 'sortBy':
        return call('sort', [byRank], ['byRank']);
      case 'splice':
        return call(
          'splice',
          [i0, i1, ...values.map((v) => v.value)],
          [String(i0), String(i1), ...values.map((v) => v.code)],
        );
      case 'spliceFrom':
        return call('splice', [i0], [String(i0)]);
      case 'fill':
        return call('fill', [v0.value], [v0.code]);
      case 'fillRange':
        return call('fill', [v0.value, i0, i1], [v0.code, String(i0), String(i1)]);
      case 'copyWithin':
        return i2 === undefined ? call('copyWithin', [i0, i1], [String(i0), String(i1)]) : call('copyWithin', [i0, i1, i2], [String(i0), String(i1), String(i2)]);
      case 'setLength':
        code.push(`${target.code}.length = ${String(i0)}`);
        return impl.set(t, 'length', i0);
    }
  }
  if (t instanceof Map) {
    const method = MAP_METHODS[op.which % MAP_METHODS.length]!;
    const keys = [...(t as Map<unknown, unknown>).keys()];
    const fixed = PRIMS[MAP_KEYS[op.key % MAP_KEYS.length]!];
    const existing = keys.length > 0 ? keys[op.key % keys.length] : fixed;
    switch (method) {
      case 'set':
        return call('set', [fixed, v0.value], [primCode(fixed), v0.code]);
      case 'setExisting':
        return call('set', [existing, v0.value], [primCode(existing), v0.code]);
      case 'delete':
        return call('delete', [fixed], [primCode(fixed)]);
      case 'deleteExisting':
        return call('delete', [existing], [primCode(existing)]);
      case 'clear':
        return call('clear', [], []);
    }
  }
  if (t instanceof Set) {
    const method = SET_METHODS[op.which % SET_METHODS.length]!;
    const v0 = options.setObjects === false && isObject(first.value) ? { value: 'object', code: '"object"' } : first;
    const items = [...(t as Set<unknown>)];
    const existing = items.length > 0 ? items[op.key % items.length] : v0.value;
    const existingCode = items.length > 0 ? `[...${target.code}][${String(op.key % items.length)}]` : v0.code;
    switch (method) {
      case 'add':
        return call('add', [v0.value], [v0.code]);
      case 'addExisting':
        return call('add', [existing], [existingCode]);
      case 'delete':
        return call('delete', [v0.value], [v0.code]);
      case 'deleteExisting':
        return call('delete', [existing], [existingCode]);
      case 'clear':
        return call('clear', [], []);
    }
  }
  if (isObject(t) && op.which % 2 === 0) {
    code.push(`Object.assign(${target.code}, { a: ${v0.code} })`);
    return Object.assign(impl.touch(t), { a: v0.value });
  }
  return call('push', [v0.value], [v0.code]);
}

/** Copies a program would make of a value like `value` (most are shared lazily in cow mode). */
const FITTING: Record<'array' | 'map' | 'set' | 'object', readonly CopyKind[]> = {
  array: ['slice', 'arraySpread', 'concat', 'arrayFrom', 'structuredClone', 'jsonRoundTrip', 'objectSpread', 'assign', 'slice', 'structuredClone'],
  map: ['newMap', 'structuredClone'],
  set: ['newSet', 'structuredClone'],
  object: ['objectSpread', 'objectRest', 'assign', 'assignNullProto', 'structuredClone', 'jsonRoundTrip'],
};

function fittingKind(value: unknown, n: number, fallback: CopyKind): CopyKind {
  if (!isObject(value)) return fallback;
  const kinds = FITTING[Array.isArray(value) ? 'array' : value instanceof Map ? 'map' : value instanceof Set ? 'set' : 'object'];
  return kinds[n % kinds.length]!;
}

// ---------------------------------------------------------------------------------------------
// Printing

function copyCode(kind: CopyKind, src: string, rest: readonly PropertyKey[], sliceArgs: readonly unknown[], other: string | undefined): string {
  switch (kind) {
    case 'objectSpread':
      return `{ ...${src} }`;
    case 'objectRest':
      return `(({ ${rest.map((k, i) => `[${keyCode(k)}]: _${String(i)}, `).join('')}...rest }) => rest)(${src})`;
    case 'arraySpread':
      return `[...${src}]`;
    case 'slice':
      return `${src}.slice(${sliceArgs.map(String).join(', ')})`;
    case 'concat':
      return `${src}.concat(${other ?? ''})`;
    case 'arrayFrom':
      return `Array.from(${src})`;
    case 'arrayFromMapFn':
      return `Array.from(${src}, (x) => x)`;
    case 'assign':
      return `Object.assign({}, ${src})`;
    case 'assignNullProto':
      return `Object.assign(Object.create(null), ${src})`;
    case 'assignTwo':
      return `Object.assign({}, ${src}, ${other ?? 'undefined'})`;
    case 'structuredClone':
      return `structuredClone(${src})`;
    case 'jsonRoundTrip':
      return `JSON.parse(JSON.stringify(${src}))`;
    case 'newMap':
      return `new Map(${src})`;
    case 'newSet':
      return `new Set(${src})`;
    case 'snapshot':
      return `snapshot(${src})`;
    case 'cow':
      return `cow(${src})`;
  }
}

function refCode(r: Ref): string {
  return `${r.last ? 'lastCopy' : `v${String(r.v)}`}${r.path.map((s) => `/${String(s)}`).join('')}`;
}

function srcCode(s: ValueSrc): string {
  return 'ref' in s ? refCode(s.ref) : specCode(s.spec);
}

function keySelCode(k: KeySel): string {
  return 'fixed' in k ? keyCode(WRITE_KEYS[k.fixed % WRITE_KEYS.length]!) : `existingKey#${String(k.existing)}`;
}

/** An op as written, before its selectors are resolved (`v0/2` is v0's selector-2 child). */
export function opCode(op: Op): string {
  switch (op.op) {
    case 'copy': {
      if (op.fit !== undefined) return `v${String(op.dst)} = copy#${String(op.fit)}(${refCode(op.src)})`;
      const rest = op.rest.map((i) => WRITE_KEYS[i % WRITE_KEYS.length]!);
      const other = op.other && (op.kind === 'concat' || op.kind === 'assignTwo') ? refCode(op.other) : undefined;
      return `v${String(op.dst)} = ${copyCode(op.kind, refCode(op.src), rest, SLICE_ARGS[op.sliceArgs % SLICE_ARGS.length]!, other)}`;
    }
    case 'fresh':
      return `v${String(op.dst)} = ${specCode(op.value)}`;
    case 'let':
      return `v${String(op.dst)} = ${refCode(op.src)}`;
    case 'read':
      return `read ${refCode(op.src)}`;
    case 'set':
      return `${refCode(op.target)}[${keySelCode(op.key)}] = ${srcCode(op.value)}`;
    case 'del':
      return `delete ${refCode(op.target)}[${keySelCode(op.key)}]`;
    case 'mutate':
      return `mutate#${String(op.which)}(${refCode(op.target)}, ints=[${op.ints.join(',')}], values=[${op.values.map(srcCode).join(', ')}], key#${String(op.key)})`;
    case 'reshape':
      return `${RESHAPES[op.which % RESHAPES.length]!}(${refCode(op.target)}, ${keySelCode(op.key)}, ${srcCode(op.value)})`;
  }
}

function printable<T extends Op>(op: T): T {
  return Object.defineProperty<T>({ ...op }, fc.toStringMethod, { value: () => opCode(op), enumerable: false });
}

// ---------------------------------------------------------------------------------------------
// Arbitraries

export interface ProgramOptions {
  readonly vars: number;
  readonly copyKinds: readonly CopyKind[];
  /** Values that writes store and `fresh` creates. */
  readonly values: ValueOptions;
  readonly maxOps: number;
  readonly weights?: Partial<Record<Op['op'], number>>;
}

export function opArbitrary(o: ProgramOptions): fc.Arbitrary<Op> {
  const w = { copy: 6, fresh: 1, let: 2, read: 1, set: 4, del: 2, mutate: 5, reshape: 1, ...o.weights };
  const v = fc.nat({ max: o.vars - 1 });
  /** Reads and writes often go to the last copy made, so that views get written and read after writes. */
  const last = fc.constantFrom(false, false, false, true, true);
  const path = fc.oneof({ arbitrary: fc.constant([]), weight: 2 }, { arbitrary: fc.array(fc.nat({ max: 30 }), { minLength: 1, maxLength: 3 }), weight: 3 });
  const ref: fc.Arbitrary<Ref> = fc.record({ v, last, path });
  const spec = specArbitrary({ ...o.values, maxDepth: 2 });
  const valueSrc: fc.Arbitrary<ValueSrc> = fc.oneof(fc.record({ spec }), fc.record({ ref }));
  const writeKeys = o.values.symbolKeys ? WRITE_KEYS.length : WRITE_KEYS.length - 1;
  const keySel: fc.Arbitrary<KeySel> = fc.oneof(fc.record({ fixed: fc.nat({ max: writeKeys - 1 }) }), fc.record({ existing: fc.nat({ max: 30 }) }));
  const ops: fc.WeightedArbitrary<Op>[] = [
    {
      weight: w.copy,
      arbitrary: fc.record({
        op: fc.constant('copy' as const),
        kind: fc.constantFrom(...o.copyKinds),
        // Kinds that suit the source, when every kind is allowed.
        fit: COPY_KINDS.every((k) => o.copyKinds.includes(k)) ? fc.option(fc.nat({ max: 11 }), { nil: undefined, freq: 4 }) : fc.constant(undefined),
        dst: v,
        src: ref,
        rest: fc.array(fc.nat({ max: writeKeys - 1 }), { maxLength: 2 }),
        sliceArgs: fc.nat({ max: SLICE_ARGS.length - 1 }),
        other: fc.option(ref, { nil: undefined }),
      }),
    },
    { weight: w.fresh, arbitrary: fc.record({ op: fc.constant('fresh' as const), dst: v, value: spec }) },
    { weight: w.let, arbitrary: fc.record({ op: fc.constant('let' as const), dst: v, src: ref }) },
    { weight: w.read, arbitrary: fc.record({ op: fc.constant('read' as const), src: ref }) },
    { weight: w.set, arbitrary: fc.record({ op: fc.constant('set' as const), target: ref, key: keySel, value: valueSrc }) },
    { weight: w.del, arbitrary: fc.record({ op: fc.constant('del' as const), target: ref, key: keySel }) },
    {
      weight: w.mutate,
      arbitrary: fc.record({
        op: fc.constant('mutate' as const),
        target: ref,
        which: fc.nat({ max: 60 }),
        ints: fc.array(fc.integer({ min: -3, max: 8 }), { maxLength: 3 }),
        values: fc.array(valueSrc, { maxLength: 2 }),
        key: fc.nat({ max: 30 }),
      }),
    },
    {
      weight: w.reshape,
      arbitrary: fc.record({ op: fc.constant('reshape' as const), target: ref, which: fc.nat({ max: RESHAPES.length - 1 }), key: keySel, value: valueSrc }),
    },
  ];
  return fc.oneof(...ops.filter((x) => x.weight > 0)).map(printable);
}

export function programArbitrary(o: ProgramOptions): fc.Arbitrary<Op[]> {
  return fc.array(opArbitrary(o), { minLength: 1, maxLength: o.maxOps });
}

// ---------------------------------------------------------------------------------------------
// Comparing runs

/** The first difference between the runs' logs, as a readable report; undefined when they agree. */
export function compareRuns(env: EnvSpec, runs: readonly (readonly [string, Run])[], envNames?: (i: number) => string): string | undefined {
  const [refName, ref] = runs[0]!;
  const steps = Math.max(...runs.map(([, r]) => r.log.length));
  for (let i = 0; i < steps; i++) {
    const differing = runs.filter(([, r]) => r.log[i] !== ref.log[i]);
    if (differing.length === 0) continue;
    const offset = ref.log.length - ref.transcript.length; // 1 when the initial state is logged
    const stepNo = i - offset;
    const lines = [
      `Runs diverge ${stepNo < 0 ? 'on the initial values' : `after step ${String(stepNo + 1)}`}.`,
      '',
      'Program (as the reference run resolved it; the runtime runs make the same calls through rt.*):',
      ...envCode(env, envNames).split('\n').map((l) => `  ${l}`),
      ...ref.transcript.map((l, j) => `  ${j === stepNo ? '>>' : '  '} ${l}`),
      '',
    ];
    for (const [name, run] of differing) {
      lines.push(`${refName} vs ${name}:`);
      const a = (ref.log[i] ?? '<missing>').split('\n');
      const b = (run.log[i] ?? '<missing>').split('\n');
      let shown = 0;
      for (let j = 0; j < Math.max(a.length, b.length); j++) {
        if (a[j] === b[j]) continue;
        if (shown++ === 3) {
          lines.push('  … (later lines differ too; identity numbers shift after the first difference)');
          break;
        }
        lines.push(...lineDiff(refName, a[j] ?? '<missing>', name, b[j] ?? '<missing>'));
      }
      if (run.transcript.join('\n') !== ref.transcript.join('\n')) lines.push(`  (${name} resolved the program differently:`, ...run.transcript.map((l) => `    ${l}`), '  )');
    }
    return lines.join('\n');
  }
  return undefined;
}

function lineDiff(aName: string, a: string, bName: string, b: string): string[] {
  let at = 0;
  while (at < a.length && a[at] === b[at]) at++;
  const from = Math.max(0, at - 160);
  const cut = (s: string): string => `${from > 0 ? '…' : ''}${s.slice(from, at + 200)}${s.length > at + 200 ? '…' : ''}`;
  return [`  ${aName.padEnd(8)} ${cut(a)}`, `  ${bName.padEnd(8)} ${cut(b)}`];
}
