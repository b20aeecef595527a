/**
 * Generators of whole programs that press on what cow mode's views must do as plain values do:
 * iterate live while written (every iteration API of Map, Set and arrays, every mutation, at every
 * step, on the copy or on its source), refuse writes once frozen, sealed or made non-extensible
 * (every write form, strict and sloppy), and print through util.inspect and util.format as the
 * plain copy prints. Each program logs what it saw; the three runs must log the same.
 */
import fc from 'fast-check';

const pick = <T>(...items: T[]): fc.Arbitrary<T> => fc.constantFrom(...items);

type Collection = 'map' | 'set' | 'array';

const SOURCES: Record<Collection, string> = {
  map: 'new Map(Array.from({ length: N }, (_, i) => ["k" + i, { i }]))',
  set: 'new Set(Array.from({ length: N }, (_, i) => i))',
  array: 'Array.from({ length: N }, (_, i) => ({ i }))',
};

const COPIES: Record<Collection, readonly string[]> = {
  map: ['new Map(src)', 'structuredClone(src)', 'structuredClone({ m: src }).m'],
  set: ['new Set(src)', 'structuredClone(src)', 'structuredClone([src])[0]'],
  array: ['src.slice()', '[...src]', 'Array.from(src)', 'structuredClone(src)', 'src.concat()'],
};

/** Loops over `c` whose body is `BODY` (with the item in `x`), and the iterator made before the loop, as `it`. */
const LOOPS: Record<Collection, readonly string[]> = {
  map: [
    'for (const x of c) { BODY }',
    'for (const x of c.keys()) { BODY }',
    'for (const x of c.values()) { BODY }',
    'for (const x of c.entries()) { BODY }',
    'for (const x of c[Symbol.iterator]()) { BODY }',
    'c.forEach((v, k, m) => { const x = [k, v, m === c]; BODY })',
    'for (let r = it.next(); !r.done; r = it.next()) { const x = r.value; BODY }',
  ],
  set: [
    'for (const x of c) { BODY }',
    'for (const x of c.keys()) { BODY }',
    'for (const x of c.values()) { BODY }',
    'for (const x of c.entries()) { BODY }',
    'c.forEach((v, k, s) => { const x = [k, v, s === c]; BODY })',
    'for (let r = it.next(); !r.done; r = it.next()) { const x = r.value; BODY }',
  ],
  array: [
    'for (const x of c) { BODY }',
    'for (const x of c.values()) { BODY }',
    'for (const x of c.entries()) { BODY }',
    'for (const x of c.keys()) { BODY }',
    'c.forEach((x) => { BODY })',
    'c.map((x) => { BODY })',
    'c.filter((x) => { BODY })',
    'c.some((x) => { BODY })',
    'c.find((x) => { BODY })',
    'for (let i = 0; i < c.length; i++) { const x = c[i]; BODY }',
    'for (const i in c) { const x = c[i]; BODY }',
    'for (let r = it.next(); !r.done; r = it.next()) { const x = r.value; BODY }',
  ],
};

const MUTATIONS: Record<Collection, readonly string[]> = {
  map: ['T.set("new" + step, { n: step })', 'T.set("kA", { n: step })', 'T.delete("kA")', 'T.delete("kB")', 'T.clear()', 'T.delete("kA"); T.set("kA", "back")', 'T.clear(); T.set("k0", 0); T.set("z", 1)'],
  set: ['T.add("new" + step)', 'T.add(A)', 'T.delete(A)', 'T.delete(B)', 'T.clear()', 'T.delete(A); T.add(A)', 'T.clear(); T.add(0); T.add("z")'],
  array: ['T.push({ n: step })', 'T.pop()', 'T.shift()', 'T.unshift({ n: step })', 'T.splice(A, 1)', 'T.splice(A, 0, { n: step })', 'T[A] = { n: step }', 'T.length = A', 'T.reverse()', 'T.sort((a, b) => (b && b.i) - (a && a.i))', 'T.fill(0, A)', 'T.copyWithin(0, A)'],
};

/** An item as the log shows it: identity-free, so that views and plain values print alike. */
const ITEM = 'JSON.stringify(x, (k, v) => (v instanceof Map || v instanceof Set ? [...v] : v))';

export function iterationProgram(): fc.Arbitrary<string> {
  return pick<Collection>('map', 'set', 'array').chain((kind) =>
    fc
      .record({
        n: fc.integer({ min: 0, max: 7 }),
        copy: pick(...COPIES[kind]),
        loop: pick(...LOOPS[kind]),
        mutation: pick(...MUTATIONS[kind]),
        second: fc.option(pick(...MUTATIONS[kind]), { nil: undefined }),
        target: pick('c', 'c', 'src'),
        at: fc.integer({ min: -1, max: 8 }),
        a: fc.integer({ min: 0, max: 8 }),
        b: fc.integer({ min: 0, max: 8 }),
        iterator: pick('entries', 'keys', 'values'),
        after: fc.boolean(),
      })
      .map((p) => {
        const args = (m: string): string => m.replaceAll('T', p.target).replaceAll('kA', `k${String(p.a)}`).replaceAll('kB', `k${String(p.b)}`).replaceAll('A', String(p.a)).replaceAll('B', String(p.b));
        const mutate = [p.mutation, p.second].filter((m) => m !== undefined).map(args).join('; ');
        const body = `seen.push(${ITEM}); if (step++ === ${String(p.at)}) { ${mutate}; } if (step > 40) break;`;
        const loop = p.loop.replace('BODY', body.replace(' if (step > 40) break;', p.loop.includes('=>') ? ' if (step > 40) return true;' : ' if (step > 40) break;'));
        return [
          `const N = ${String(p.n)};`,
          `const src = ${SOURCES[kind]};`,
          `const c = ${p.copy};`,
          'const seen = [];',
          'let step = 0;',
          `const it = c.${p.iterator}();`,
          p.at === -1 ? `${mutate};` : '',
          loop,
          'log(seen.join(" "));',
          p.after ? `const later = c.${p.iterator}(); later.next(); ${mutate}; log(JSON.stringify([...later].map((x) => typeof x === "object" ? JSON.stringify(x) : x)), JSON.stringify(later.next()), Object.prototype.toString.call(later));` : '',
          `log(JSON.stringify([...c].map((x) => JSON.stringify(x))), JSON.stringify([...src].map((x) => JSON.stringify(x))));`,
        ]
          .filter((line) => line !== '')
          .join('\n');
      }),
  );
}

type Shape = 'object' | 'array' | 'instance' | 'map' | 'nested';

const SHAPED: Record<Shape, string> = {
  object: 'const src = Object.fromEntries(Array.from({ length: 8 }, (_, i) => ["k" + i, { i }]));\nconst c = COPY;',
  array: 'const src = Array.from({ length: 8 }, (_, i) => ({ i }));\nconst c = COPY;',
  instance: 'class Point { get len() { return 1; } }\nconst src = Object.fromEntries(Array.from({ length: 8 }, (_, i) => ["k" + i, i]));\nconst c = Object.assign(Object.create(Point.prototype), src);',
  map: 'const src = new Map(Array.from({ length: 8 }, (_, i) => ["k" + i, i]));\nconst c = COPY;',
  nested: 'const src = { inner: Object.fromEntries(Array.from({ length: 8 }, (_, i) => ["k" + i, { i }])), list: Array.from({ length: 8 }, (_, i) => ({ i })) };\nconst whole = structuredClone(src);\nconst c = WHICH;',
};

const SHAPE_COPIES: Record<Shape, readonly string[]> = {
  object: ['{ ...src }', 'Object.assign({}, src)', 'structuredClone(src)', 'JSON.parse(JSON.stringify(src))'],
  array: ['src.slice()', '[...src]', 'structuredClone(src)', 'Array.from(src)'],
  instance: [''],
  map: ['new Map(src)', 'structuredClone(src)'],
  nested: [''],
};

const SEALS = ['Object.freeze(c)', 'Object.seal(c)', 'Object.preventExtensions(c)', 'Object.defineProperty(c, K, { writable: false })', 'Object.defineProperty(c, K, { get() { return "got"; } })', 'Object.defineProperty(c, K, { configurable: false })'];

const WRITES: Record<'any' | 'array' | 'map', readonly string[]> = {
  any: [
    'c[K] = 99',
    'c.fresh = 99',
    'delete c[K]',
    'delete c.fresh',
    'c[K]++',
    'c[K] += "!"',
    'Object.assign(c, { [K]: 99 })',
    'Object.assign(c, { fresh: 99 })',
    'Object.defineProperty(c, K, { value: 99 })',
    'Object.defineProperty(c, "fresh", { value: 99 })',
    'Object.defineProperty(c, K, { get() { return 0; } })',
    'log(Reflect.set(c, K, 99))',
    'log(Reflect.set(c, "fresh", 99))',
    'log(Reflect.deleteProperty(c, K))',
    'log(Reflect.defineProperty(c, K, { value: 99 }))',
    'log(Reflect.defineProperty(c, "fresh", { value: 99 }))',
    'Object.setPrototypeOf(c, null)',
    'log(Reflect.setPrototypeOf(c, {}))',
    'c.__proto__ = Array.prototype',
    '(function () { c[K] = 98; })()',
    '(function () { "use strict"; c[K] = 97; })()',
    '(() => { c.fresh = 96; })()',
    '[1].forEach(function () { delete c[K]; })',
  ],
  array: ['c.push(1)', 'c.pop()', 'c.shift()', 'c.unshift(1)', 'c.splice(0, 1)', 'c.splice(1, 0, 5)', 'c.length = 2', 'c.length = 20', 'delete c.length', 'c.sort()', 'c.reverse()', 'c.fill(0)', 'c.copyWithin(0, 3)', 'c[20] = 1'],
  map: ['c.set("k0", 5)', 'c.set("x", 5); log(c.size)', 'c.delete("k1")', 'c.clear()'],
};

export function integrityProgram(): fc.Arbitrary<string> {
  return pick<Shape>('object', 'array', 'instance', 'map', 'nested').chain((shape) =>
    fc
      .record({
        strict: fc.boolean(),
        copy: pick(...SHAPE_COPIES[shape]),
        which: pick('whole.inner', 'whole.list', 'whole'),
        seal: pick(...SEALS),
        key: pick('k0', 'k3', '0', '2', 'length', 'inner'),
        writes: fc.array(pick(...WRITES.any, ...(shape === 'array' ? WRITES.array : []), ...(shape === 'map' ? WRITES.map : [])), { minLength: 1, maxLength: 3 }),
        sealFirst: fc.boolean(),
      })
      .map((p) => {
        // A write that changes the prototype comes last: a method called after it would fail with a message that quotes the call as instrumented (README, Limits).
        const reshapes = (w: string): boolean => w.includes('rototype');
        p = { ...p, writes: [...p.writes.filter((w) => !reshapes(w)), ...p.writes.filter(reshapes).slice(0, 1)] };
        if (reshapes(p.writes[0]!) && !p.sealFirst) p = { ...p, sealFirst: true };
        const setup = SHAPED[shape].replace('COPY', p.copy).replace('WHICH', p.which);
        const key = JSON.stringify(p.key);
        const attempt = (code: string): string => `try { ${code.replaceAll('K', key)}; log("ok", describe(c)); } catch (e) { log(e.name + ": " + e.message); }`;
        const seal = `try { ${p.seal.replaceAll('K', key)}; } catch (e) { log("sealing: " + e.name + ": " + e.message); }`;
        return [
          p.strict ? '"use strict";' : '',
          "const util = require('util');",
          'const describe = (x) => { try { return util.inspect(x, { showHidden: true, breakLength: Infinity, getters: true }); } catch (e) { return e.name; } };',
          setup,
          p.sealFirst ? seal : `${attempt(p.writes[0]!)}\n${seal}`,
          ...p.writes.map(attempt),
          'log(Object.isFrozen(c), Object.isSealed(c), Object.isExtensible(c), util.types.isProxy(c), Object.getPrototypeOf(c) === null);',
        ]
          .filter((line) => line !== '')
          .join('\n');
      }),
  );
}

const VALUES = [
  'Object.fromEntries(Array.from({ length: 6 }, (_, i) => ["k" + i, { i, list: [i, "s" + i] }]))',
  'Array.from({ length: 6 }, (_, i) => ({ i, nested: { deep: [i] } }))',
  '(() => { const a = Array.from({ length: 6 }, (_, i) => i * 1.5); a.extra = "e"; a[9] = "far"; return a; })()',
  'new Map(Array.from({ length: 6 }, (_, i) => ["k" + i, { i }]))',
  'new Set(Array.from({ length: 6 }, (_, i) => "s" + i))',
  '(() => { const o = { a: [1, 2], b: { c: "d" } }; o.self = o; o.b.up = o; return o; })()',
  '(() => { const o = Object.create(null); for (let i = 0; i < 6; i++) o["k" + i] = [i]; return o; })()',
  '{ when: new Date(0), bytes: new Uint8Array([1, 2, 3]), list: Array.from({ length: 6 }, (_, i) => i), text: "a\\nb" }',
  '{ outer: { middle: { inner: { deepest: { leaf: [1, [2, [3, [4]]]] } } } }, k: Array.from({ length: 6 }, (_, i) => i) }',
];

const VALUE_COPIES = ['{ ...src }', 'structuredClone(src)', 'Array.isArray(src) ? src.slice() : src instanceof Map ? new Map(src) : src instanceof Set ? new Set(src) : Object.assign({}, src)', 'Array.isArray(src) ? [...src] : structuredClone(src)', 'Object.assign(Object.create(Proto.prototype), src)'];

const CHANGES = [
  '',
  'c.added = { fresh: true }',
  'Object.defineProperty(c, "hidden", { value: 1, enumerable: false })',
  'Object.defineProperty(c, "getter", { get() { return 42; }, enumerable: true })',
  'Object.freeze(c)',
  'c.self = c',
  'src.k0 = "written to the source"',
  'if (c instanceof Map) c.set("x", c); else if (c instanceof Set) c.add(c); else c.back = { to: c }',
  'Object.setPrototypeOf(c, Proto.prototype)',
];

/**
 * Among them `%o`, `showProxy` and `customInspect: false`, under which Node shows a Proxy as such, or
 * its bare target, before any hook runs: cow mode hands util display twins (runtime/cow/display-twins.ts).
 */
const SHOWS = [
  'util.inspect(c)',
  'util.inspect(c, { depth: 0 })',
  'util.inspect(c, { depth: 1, breakLength: Infinity })',
  'util.inspect(c, { showHidden: true })',
  'util.inspect(c, { compact: false, sorted: true })',
  'util.inspect(c, { getters: true, depth: null })',
  'util.inspect({ wrapped: c, again: c })',
  'util.inspect([c, [c]], { depth: 3 })',
  'util.format("%O", c)',
  'util.format("%s", c)',
  'util.format("%j", c)',
  'util.formatWithOptions({ colors: true }, c)',
  'util.format("%o", c)',
  'util.format("%o and %O, %s", { wrapped: c, list: [c, [c]] }, c, c)',
  'util.format("%o", [new Proxy({ p: 1 }, {}), c, new Map([[c, new Set([c])]])])',
  'util.inspect(c, { showProxy: true })',
  'util.inspect(c, { showProxy: true, depth: 0, showHidden: true })',
  'util.inspect({ in: { a: { b: { c } } } }, { showProxy: true, depth: 2 })',
  'util.inspect(c, { customInspect: false, depth: null })',
  'util.inspect([c, { c }], { customInspect: false, showHidden: true })',
  'util.formatWithOptions({ showProxy: true, depth: 1 }, "%s|%O|", c, c, [c])',
];

export function inspectProgram(): fc.Arbitrary<string> {
  return fc
    .record({
      value: pick(...VALUES),
      copy: pick(...VALUE_COPIES),
      changes: fc.array(pick(...CHANGES), { maxLength: 2 }),
      shows: fc.array(pick(...SHOWS), { minLength: 1, maxLength: 3 }),
    })
    .map((p) =>
      [
        "const util = require('util');",
        'class Proto { get len() { return 1; } }',
        `const src = ${p.value};`,
        `const c = ${p.copy};`,
        ...p.changes.filter((c) => c !== '').map((c) => `try { ${c}; } catch (e) { log(e.name); }`),
        ...p.shows.map((s) => `try { log(${s}); } catch (e) { log(e.name + ": " + e.message); }`),
      ].join('\n'),
    );
}
