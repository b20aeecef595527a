/**
 * Generated values for the differential tests: a value is described by a Spec (plain data that
 * fast-check can shrink and print), then built afresh for each run, so that the plain, observe
 * and cow runs start from equal but separate graphs.
 */
import fc from 'fast-check';

/** Constants shared by all runs, so that their identity is the same everywhere. */
export const SYM = Symbol('sym');
export const SYM_KEY = Symbol('key');
/** Frozen: it is shared by the runs, so a write into it must fail alike everywhere rather than leak. */
export const FN = Object.freeze(function FN(x: unknown): unknown {
  return x;
});

/** Primitive values a Spec refers to by index; the names are how a counterexample prints them. */
export const PRIMS: readonly unknown[] = [0, 1, -1, 2.5, 'x', 'hello', '', true, false, null, undefined, -0, NaN, Infinity, 10n, SYM, FN];
const PRIM_NAMES = ['0', '1', '-1', '2.5', '"x"', '"hello"', '""', 'true', 'false', 'null', 'undefined', '-0', 'NaN', 'Infinity', '10n', 'SYM', 'FN'];
/** Prims[0..JSON_SAFE) survive JSON unchanged; [0..CLONEABLE) survive structuredClone. */
export const JSON_SAFE_PRIMS = 10;
export const CLONEABLE_PRIMS = 15;

/** Keys that objects of a Spec have (by index). */
export const OBJ_KEYS: readonly PropertyKey[] = ['a', 'b', 'c', '0', '1', '10', 'x y', SYM_KEY];
/** Keys of Maps (by index into PRIMS). */
export const MAP_KEYS: readonly number[] = [0, 1, 4, 5, 2, 7, 9, 10, 12, 14];

export type Spec =
  | { readonly k: 'prim'; readonly i: number }
  | { readonly k: 'obj'; readonly entries: readonly (readonly [number, Spec])[]; readonly pad: number; readonly nullProto: boolean }
  | { readonly k: 'arr'; readonly items: readonly (Spec | 'hole')[]; readonly pad: number; readonly tailHoles: number }
  | { readonly k: 'map'; readonly entries: readonly (readonly [number, Spec])[]; readonly pad: number }
  | { readonly k: 'set'; readonly items: readonly Spec[]; readonly pad: number }
  | { readonly k: 'date'; readonly t: number }
  /** The program's own Proxy of `target`, with the traps of `traps` (a bit each, see TRAPS), logging each call. */
  | { readonly k: 'proxy'; readonly target: Spec; readonly traps: number; readonly computed: number };

/** Extra edges added after the tree is built, between its containers: shared subgraphs and cycles. */
export interface Link {
  readonly from: number;
  readonly key: number;
  readonly to: number;
}

export interface EnvSpec {
  readonly vars: readonly Spec[];
  readonly links: readonly Link[];
  /** Whether links may use the symbol key, and put objects into Sets. */
  readonly symbolKeys: boolean;
  readonly setObjects: boolean;
  /**
   * Whether each Proxy's target is reachable other than through it: the variables after `vars`
   * hold the targets, in the order their Proxies were made, and links reach the containers inside
   * them as any other; so a write through the Proxy reaches what copies share.
   */
  readonly sharedProxyTargets: boolean;
}

export interface ValueOptions {
  /** Index bound into PRIMS: JSON_SAFE_PRIMS, CLONEABLE_PRIMS or PRIMS.length. */
  readonly prims: number;
  readonly symbolKeys: boolean;
  readonly nullProto: boolean;
  readonly dates: boolean;
  readonly maps: boolean;
  /** Objects inside Sets (structuredClone copies them; shallow copies share them). */
  readonly setObjects: boolean;
  readonly holes: boolean;
  readonly maxDepth: number;
  /** The program's own Proxies around containers. */
  readonly proxies?: boolean;
  /** Their targets reachable other than through them (see EnvSpec). */
  readonly sharedProxyTargets?: boolean;
}

export const ANY_VALUES: ValueOptions = { prims: PRIMS.length, symbolKeys: true, nullProto: true, dates: true, maps: true, setObjects: true, holes: true, maxDepth: 3 };
export const CLONEABLE_VALUES: ValueOptions = { ...ANY_VALUES, prims: CLONEABLE_PRIMS, symbolKeys: false };
export const JSON_VALUES: ValueOptions = { prims: JSON_SAFE_PRIMS, symbolKeys: false, nullProto: true, dates: false, maps: false, setObjects: false, holes: false, maxDepth: 3 };

/**
 * Pads make a node large enough that cow mode shares it with a view (a copy smaller than two
 * views is made eagerly): about 20 boxed doubles for an object or array, 9 Map or 17 Set entries.
 */
const OBJ_PADS = [0, 3, 22, 22];
const MAP_PADS = [0, 10, 10];
const SET_PADS = [0, 18, 18];

export function specArbitrary(o: ValueOptions, top = false): fc.Arbitrary<Spec> {
  const prim = fc.nat({ max: o.prims - 1 }).map((i): Spec => ({ k: 'prim', i }));
  const objKey = fc.nat({ max: (o.symbolKeys ? OBJ_KEYS.length : OBJ_KEYS.length - 1) - 1 });
  const { spec } = fc.letrec<{ spec: Spec; obj: Spec; arr: Spec; map: Spec; set: Spec; date: Spec; proxy: Spec }>((tie) => ({
    spec: fc.oneof(
      { maxDepth: o.maxDepth, depthIdentifier: 'spec', withCrossShrink: true },
      { arbitrary: prim, weight: top ? 0 : 4 },
      { arbitrary: tie('obj'), weight: 3 },
      { arbitrary: tie('arr'), weight: 3 },
      { arbitrary: tie('map'), weight: o.maps ? 1 : 0 },
      { arbitrary: tie('set'), weight: o.maps ? 1 : 0 },
      { arbitrary: tie('date'), weight: o.dates ? 1 : 0 },
      { arbitrary: tie('proxy'), weight: o.proxies === true ? 3 : 0 },
    ),
    obj: fc.record({
      k: fc.constant('obj' as const),
      entries: fc.array(fc.tuple(objKey, tie('spec')), { maxLength: 4, depthIdentifier: 'spec' }),
      pad: top ? fc.constantFrom(22, 22, 3) : fc.constantFrom(...OBJ_PADS),
      nullProto: o.nullProto ? fc.constantFrom(false, false, false, true) : fc.constant(false),
    }),
    arr: fc.record({
      k: fc.constant('arr' as const),
      items: fc.array(o.holes ? fc.oneof({ arbitrary: tie('spec'), weight: 4 }, { arbitrary: fc.constant('hole' as const), weight: 1 }) : tie('spec'), {
        maxLength: 5,
        depthIdentifier: 'spec',
      }),
      pad: top ? fc.constantFrom(22, 22, 3) : fc.constantFrom(...OBJ_PADS),
      tailHoles: o.holes ? fc.constantFrom(0, 0, 0, 2) : fc.constant(0),
    }),
    map: fc.record({
      k: fc.constant('map' as const),
      entries: fc.array(fc.tuple(fc.nat({ max: MAP_KEYS.length - 1 }), tie('spec')), { maxLength: 3, depthIdentifier: 'spec' }),
      pad: top ? fc.constantFrom(10, 10, 0) : fc.constantFrom(...MAP_PADS),
    }),
    set: fc.record({
      k: fc.constant('set' as const),
      items: fc.array(o.setObjects ? tie('spec') : prim, { maxLength: 3, depthIdentifier: 'spec' }),
      pad: top ? fc.constantFrom(18, 18, 0) : fc.constantFrom(...SET_PADS),
    }),
    date: fc.record({ k: fc.constant('date' as const), t: fc.integer({ min: -1e12, max: 2e12 }) }),
    proxy: fc.record({
      k: fc.constant('proxy' as const),
      target: fc.oneof({ depthIdentifier: 'spec' }, tie('obj'), tie('arr'), tie('map'), tie('set')),
      traps: fc.nat({ max: (1 << TRAPS.length) - 1 }),
      computed: fc.nat({ max: COMPUTED_KEYS.length - 1 }),
    }),
  }));
  return spec;
}

/** `vars` variables that start with a container each, and up to `maxLinks` extra edges. */
export function envArbitrary(o: ValueOptions, vars: number, maxLinks = 3): fc.Arbitrary<EnvSpec> {
  return fc
    .record({
      vars: fc.array(specArbitrary(o, true), { minLength: vars, maxLength: vars }),
      links: fc.array(fc.record({ from: fc.nat({ max: 40 }), key: fc.nat({ max: 20 }), to: fc.nat({ max: 40 }) }), { maxLength: maxLinks }),
      symbolKeys: fc.constant(o.symbolKeys),
      setObjects: fc.constant(o.setObjects),
      sharedProxyTargets: fc.constant(o.sharedProxyTargets === true),
    })
    .map((env) => Object.defineProperty(env, fc.toStringMethod, { value: () => `\n${envCode(env)}\n`, enumerable: false }));
}

/**
 * How the targets of the Proxies a value holds are built: `shared`, their containers join the
 * others (see EnvSpec); `lend` is told of each target before its Proxy is made, as instrumented
 * code tells the runtime at `new Proxy(target, handler)`.
 */
export interface ProxyTargets {
  readonly shared: boolean;
  readonly lend: (target: object) => void;
}

const HIDDEN_TARGETS: ProxyTargets = { shared: false, lend: () => undefined };

/** Builds a fresh value; every container built is pushed onto `nodes` (pre-order). */
export function build(spec: Spec, nodes: object[] = [], targets: ProxyTargets = HIDDEN_TARGETS): unknown {
  switch (spec.k) {
    case 'prim':
      return PRIMS[spec.i];
    case 'obj': {
      const o: Record<PropertyKey, unknown> = spec.nullProto ? (Object.create(null) as Record<PropertyKey, unknown>) : {};
      nodes.push(o);
      for (const [k, v] of spec.entries) o[OBJ_KEYS[k]!] = build(v, nodes, targets);
      for (let i = 0; i < spec.pad; i++) o[`p${String(i)}`] = i + 0.5;
      return o;
    }
    case 'arr': {
      const a: unknown[] = [];
      nodes.push(a);
      for (const item of spec.items) {
        if (item === 'hole') a.length++;
        else a.push(build(item, nodes, targets));
      }
      if (spec.pad > 0) a.push('pad');
      for (let i = 1; i < spec.pad; i++) a.push(i + 0.5);
      a.length += spec.tailHoles;
      return a;
    }
    case 'map': {
      const m = new Map<unknown, unknown>();
      nodes.push(m);
      for (const [k, v] of spec.entries) m.set(PRIMS[MAP_KEYS[k]!], build(v, nodes, targets));
      for (let i = 0; i < spec.pad; i++) m.set(`p${String(i)}`, i + 0.5);
      return m;
    }
    case 'set': {
      const s = new Set<unknown>();
      nodes.push(s);
      for (const v of spec.items) s.add(build(v, nodes, targets));
      for (let i = 0; i < spec.pad; i++) s.add(`p${String(i)}`);
      return s;
    }
    case 'date': {
      const d = new Date(spec.t);
      nodes.push(d);
      return d;
    }
    case 'proxy': {
      // A write through the Proxy is one no barrier sees: the runtime was told of the target (see the README's limits).
      const target = build(spec.target, targets.shared ? nodes : [], targets) as object;
      targets.lend(target);
      return userProxy(target, spec.traps, COMPUTED_KEYS[spec.computed]);
    }
  }
}

/**
 * The traps a generated Proxy may have. Each call is logged in `trapCalls`, which the runs print
 * after every step: a copy must run them as plain JavaScript does, no more, no fewer, in order.
 */
export const TRAPS = ['get', 'has', 'ownKeys', 'getOwnPropertyDescriptor', 'getPrototypeOf', 'set', 'deleteProperty'] as const;
/** A key whose value the get trap computes at each read (none for the first), as reactive stores do. */
export const COMPUTED_KEYS: readonly (string | undefined)[] = [undefined, 'a', '0', '1', 'p1'];

/** The trap calls of the generated Proxies since the last `takeTrapCalls`. */
const trapCalls: string[] = [];
let proxiesMade = 0;

/** Starts a run: its Proxies are numbered from 0, and no call is logged yet. */
export function resetTrapCalls(): void {
  trapCalls.length = 0;
  proxiesMade = 0;
}

export function takeTrapCalls(): string {
  return trapCalls.splice(0).join(' | ');
}

export function logTrapCall(call: string): void {
  trapCalls.push(call);
}

function userProxy(target: object, traps: number, computed: string | undefined): object {
  const id = `proxy${String(proxiesMade++)}`;
  const log = (trap: string, key?: PropertyKey): void => {
    logTrapCall(`${id}.${trap}${key === undefined ? '' : ` ${keyCode(key)}`}`);
  };
  const handler: ProxyHandler<object> = {};
  const has = (trap: (typeof TRAPS)[number]): boolean => (traps & (1 << TRAPS.indexOf(trap))) !== 0;
  if (has('get')) {
    handler.get = (t, key, receiver) => {
      log('get', key);
      return key === computed ? `computed at call ${String(trapCalls.length)}` : (Reflect.get(t, key, receiver) as unknown);
    };
  }
  if (has('has')) handler.has = (t, key) => (log('has', key), Reflect.has(t, key));
  if (has('ownKeys')) handler.ownKeys = (t) => (log('ownKeys'), Reflect.ownKeys(t));
  if (has('getOwnPropertyDescriptor')) handler.getOwnPropertyDescriptor = (t, key) => (log('getOwnPropertyDescriptor', key), Reflect.getOwnPropertyDescriptor(t, key));
  if (has('getPrototypeOf')) handler.getPrototypeOf = (t) => (log('getPrototypeOf'), Reflect.getPrototypeOf(t));
  if (has('set')) handler.set = (t, key, value, receiver) => (log('set', key), Reflect.set(t, key, value, receiver));
  if (has('deleteProperty')) handler.deleteProperty = (t, key) => (log('deleteProperty', key), Reflect.deleteProperty(t, key));
  return new Proxy(target, handler);
}

/** Adds the links' edges (with plain writes: the environment is made before any copy). */
export function applyLinks(nodes: readonly object[], links: readonly Link[], symbolKeys: boolean, setObjects: boolean): void {
  if (nodes.length === 0) return;
  const keys = symbolKeys ? OBJ_KEYS.length : OBJ_KEYS.length - 1;
  for (const { from, key, to } of links) {
    const a = nodes[from % nodes.length]!;
    const b = nodes[to % nodes.length]!;
    if (a instanceof Date) continue;
    if (Array.isArray(a)) a[key % (a.length + 2)] = b;
    else if (a instanceof Map) a.set(PRIMS[MAP_KEYS[key % MAP_KEYS.length]!], b);
    else if (a instanceof Set) {
      if (setObjects) a.add(b);
    } else (a as Record<PropertyKey, unknown>)[OBJ_KEYS[key % keys]!] = b;
  }
}

/** The variables `env` starts with (see EnvSpec); `lend` is told of each Proxy's target (see ProxyTargets). */
export function buildEnv(env: EnvSpec, lend: (target: object) => void = HIDDEN_TARGETS.lend): unknown[] {
  const nodes: object[] = [];
  const made: object[] = [];
  const targets: ProxyTargets = {
    shared: env.sharedProxyTargets,
    lend: (target) => {
      made.push(target);
      lend(target);
    },
  };
  const vars = env.vars.map((s) => build(s, nodes, targets));
  applyLinks(nodes, env.links, env.symbolKeys, env.setObjects);
  return env.sharedProxyTargets ? [...vars, ...made] : vars;
}

// ---------------------------------------------------------------------------------------------
// Printing: a Spec as a JS expression; containers are tagged /*nK*/ so that links can name them.

export function keyCode(key: PropertyKey): string {
  if (typeof key === 'symbol') return key === SYM_KEY ? 'SYM_KEY' : String(key);
  return JSON.stringify(key);
}

export function specCode(spec: Spec, counter: { n: number } = { n: 0 }): string {
  switch (spec.k) {
    case 'prim':
      return PRIM_NAMES[spec.i]!;
    case 'obj': {
      const tag = `/*n${String(counter.n++)}*/`;
      const parts = spec.entries.map(([k, v]) => `[${keyCode(OBJ_KEYS[k]!)}]: ${specCode(v, counter)}`);
      if (spec.pad > 0) parts.push(`...pad(${String(spec.pad)})`);
      return `${tag}${spec.nullProto ? 'nullProto' : ''}{${parts.join(', ')}}`;
    }
    case 'arr': {
      const tag = `/*n${String(counter.n++)}*/`;
      const parts = spec.items.map((item) => (item === 'hole' ? '<hole>' : specCode(item, counter)));
      if (spec.pad > 0) parts.push(`...padArray(${String(spec.pad)})`);
      if (spec.tailHoles > 0) parts.push(`...holes(${String(spec.tailHoles)})`);
      return `${tag}[${parts.join(', ')}]`;
    }
    case 'map': {
      const tag = `/*n${String(counter.n++)}*/`;
      const parts = spec.entries.map(([k, v]) => `[${PRIM_NAMES[MAP_KEYS[k]!]!}, ${specCode(v, counter)}]`);
      if (spec.pad > 0) parts.push(`...padEntries(${String(spec.pad)})`);
      return `${tag}new Map([${parts.join(', ')}])`;
    }
    case 'set': {
      const tag = `/*n${String(counter.n++)}*/`;
      const parts = spec.items.map((v) => specCode(v, counter));
      if (spec.pad > 0) parts.push(`...padKeys(${String(spec.pad)})`);
      return `${tag}new Set([${parts.join(', ')}])`;
    }
    case 'date':
      return `/*n${String(counter.n++)}*/new Date(${String(spec.t)})`;
    case 'proxy': {
      const traps = TRAPS.filter((_, i) => (spec.traps & (1 << i)) !== 0);
      const computed = COMPUTED_KEYS[spec.computed];
      return `proxy([${traps.join(', ')}]${computed === undefined ? '' : `, computed ${JSON.stringify(computed)}`}, ${specCode(spec.target, counter)})`;
    }
  }
}

function countNodes(spec: Spec, sharedTargets: boolean): number {
  switch (spec.k) {
    case 'prim':
      return 0;
    case 'date':
      return 1;
    case 'obj':
    case 'map':
      return 1 + spec.entries.reduce((n, [, v]) => n + countNodes(v, sharedTargets), 0);
    case 'arr':
      return 1 + spec.items.reduce((n, v) => n + (v === 'hole' ? 0 : countNodes(v, sharedTargets)), 0);
    case 'set':
      return 1 + spec.items.reduce((n, v) => n + countNodes(v, sharedTargets), 0);
    case 'proxy':
      return sharedTargets ? countNodes(spec.target, sharedTargets) : 0;
  }
}

export function envCode(env: EnvSpec, names: (i: number) => string = (i) => `v${String(i)}`): string {
  const counter = { n: 0 };
  const lines = env.vars.map((s, i) => `${names(i)} = ${specCode(s, counter)};`);
  const total = env.vars.reduce((n, s) => n + countNodes(s, env.sharedProxyTargets), 0);
  if (total > 0) {
    // Print the links as the builder applies them, so that the code says what was built.
    const kinds: Spec['k'][] = [];
    const collect = (s: Spec): void => {
      if (s.k === 'prim') return;
      if (s.k === 'proxy') {
        if (env.sharedProxyTargets) collect(s.target);
        return;
      }
      kinds.push(s.k);
      if (s.k === 'obj' || s.k === 'map') for (const [, v] of s.entries) collect(v);
      if (s.k === 'arr') for (const v of s.items) if (v !== 'hole') collect(v);
      if (s.k === 'set') for (const v of s.items) collect(v);
    };
    env.vars.forEach(collect);
    for (const { from, key, to } of env.links) {
      const a = from % total;
      const b = `n${String(to % total)}`;
      const kind = kinds[a];
      if (kind === 'date') continue;
      if (kind === 'arr') lines.push(`n${String(a)}[${String(key)} % (n${String(a)}.length + 2)] = ${b};`);
      else if (kind === 'map') lines.push(`n${String(a)}.set(${PRIM_NAMES[MAP_KEYS[key % MAP_KEYS.length]!]!}, ${b});`);
      else if (kind === 'set') {
        if (env.setObjects) lines.push(`n${String(a)}.add(${b});`);
      }
      else lines.push(`n${String(a)}[${keyCode(OBJ_KEYS[key % (env.symbolKeys ? OBJ_KEYS.length : OBJ_KEYS.length - 1)]!)}] = ${b};`);
    }
  }
  if (env.sharedProxyTargets) {
    const proxies = env.vars.reduce((n, s) => n + countProxies(s), 0);
    for (let i = 0; i < proxies; i++) lines.push(`${names(env.vars.length + i)} = /* the target of proxy${String(i)}, the Proxy made ${String(i + 1)}th */ target${String(i)};`);
  }
  return lines.join('\n');
}

function countProxies(spec: Spec): number {
  switch (spec.k) {
    case 'prim':
    case 'date':
      return 0;
    case 'obj':
    case 'map':
      return spec.entries.reduce((n, [, v]) => n + countProxies(v), 0);
    case 'arr':
      return spec.items.reduce((n, v) => n + (v === 'hole' ? 0 : countProxies(v)), 0);
    case 'set':
      return spec.items.reduce((n, v) => n + countProxies(v), 0);
    case 'proxy':
      return 1 + countProxies(spec.target);
  }
}
