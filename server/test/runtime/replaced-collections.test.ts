/**
 * Issue 14, in real processes: programs that replace the collections' methods, and programs that
 * call Map's and Set's built-ins on copies through `call`, `apply`, `bind` and `Reflect.apply`,
 * run with plain `node` and through `cowlens report` in observe and in cow mode, must print the
 * same, on stdout and stderr, and exit alike. The values are large enough for cow mode's default
 * threshold to share them as views. (The differential family "Map and Set built-ins" in
 * differential/view-families.test.ts draws such programs at random, in-process.)
 */
import { describeSameAsPlain } from './same-as-plain.js';

/**
 * Every method of Map, Set, WeakMap and WeakSet replaced by one that counts its calls and calls
 * the built-in it saved through `call` (which cowlens's runtime, calling the replacement for its
 * own records, made recurse until the stack was full), then copies of every kind made and used.
 */
const REPLACED = `
let calls = 0;
const saved = new Map();
for (const C of [Map, Set, WeakMap, WeakSet]) {
  for (const key of Reflect.ownKeys(C.prototype)) {
    const d = Object.getOwnPropertyDescriptor(C.prototype, key);
    if (key === 'constructor' || (typeof d.value !== 'function' && typeof d.get !== 'function')) continue;
    saved.set(C.name + String(key), d.value ?? d.get);
    const builtin = d.value ?? d.get;
    const replacement = function (...a) { calls++; return builtin.call(this, ...a); };
    Object.defineProperty(C.prototype, key, d.value ? { ...d, value: replacement } : { ...d, get: replacement });
  }
}
const counted = (what, f) => { const before = calls; const v = f(); console.log(what, calls - before, typeof v === 'object' ? JSON.stringify(v, (k, x) => (x instanceof Map || x instanceof Set ? [...x] : x)).slice(0, 80) : v); };
const base = {}; for (let i = 0; i < 100; i++) base['k' + i] = { i, list: [i] };
const points = Array.from({ length: 100 }, (_, i) => ({ i }));
const map = new Map(Object.entries(base));
const set = new Set(points);
counted('spread', () => { const c = { ...base }; c.k0 = 5; c.k1.i = 7; return c.k1; });
counted('clone', () => { const c = structuredClone(base); c.k2.list.push(1); return c.k2; });
counted('slice', () => { const c = points.slice(); c.push(1); c[0].i = 3; return c.length; });
counted('json', () => JSON.parse(JSON.stringify(base)).k3);
counted('new Map', () => { const c = new Map(map); c.set('x', 1); return [c.get('x'), c.has('k3'), c.size]; });
counted('new Set', () => { const c = new Set(set); c.add(1); return [c.has(1), c.size]; });
counted('deep Map', () => { const c = structuredClone({ map }).map; c.get('k4').i = 9; return [c.get('k4'), c.size, [...c.keys()].length]; });
counted('iterate', () => { const c = new Map(map); let n = 0; for (const [, v] of c) n += v.i; c.forEach((v) => { n += v.i; }); return n; });
counted('weak', () => { const w = new WeakMap([[base, 1]]); const s = new WeakSet([base]); return [w.get(base), s.has(base)]; });
console.log('total', calls);
`;

/** Map's and Set's built-ins that only read, taken from elsewhere and called on copies; and on receivers they refuse. */
const BORROWED = `
const util = require('util');
function t(what, f) { try { console.log(what, util.inspect(f(), { depth: 0 })); } catch (e) { console.log(what, e.constructor.name + ': ' + e.message, '|', e.stack.split('\\n')[1].trim().split(' (')[0]); } }
const src = new Map(Array.from({ length: 60 }, (_, i) => ['k' + i, { i }]));
const ssrc = new Set(Array.from({ length: 60 }, (_, i) => 'm' + i));
const deep = structuredClone({ src, ssrc });
const { get, has, forEach } = Map.prototype;
for (const [name, m, s] of [['shallow', new Map(src), new Set(ssrc)], ['deep', deep.src, deep.ssrc]]) {
  t(name + ' get.call', () => Map.prototype.get.call(m, 'k3'));
  t(name + ' new Map().get.call', () => new Map().get.call(m, 'k4'));
  t(name + ' get alias', () => get.call(m, 'k5'));
  t(name + ' has.apply', () => has.apply(m, ['k5']));
  t(name + ' Reflect.apply has', () => Reflect.apply(Set.prototype.has, s, ['m1']));
  t(name + ' forEach.call', () => { let n = 0; Map.prototype.forEach.call(m, (v, k, c) => { n += v.i + (c === m); }); return n; });
  t(name + ' bound keys', () => [...Map.prototype.keys.bind(m)()].length);
  t(name + ' size getter', () => Object.getOwnPropertyDescriptor(Map.prototype, 'size').get.call(m) + Reflect.apply(Object.getOwnPropertyDescriptor(Set.prototype, 'size').get, s, []));
  t(name + ' iterator', () => Map.prototype[Symbol.iterator].call(m).next().value);
  t(name + ' set values', () => Set.prototype.values.call(s).next());
  t(name + ' entries', () => Set.prototype.entries.call(s).next());
  t(name + ' iterator types', () => [util.types.isMapIterator(m.keys()), util.types.isSetIterator(s.values()), util.types.isMapIterator(Map.prototype.entries.call(m)), util.types.isSetIterator(m.keys())]);
  m.set('late', 1); s.add('late');
  t(name + ' after a write', () => [Map.prototype.get.call(m, 'late'), Set.prototype.has.call(s, 'late'), forEach.call.call(forEach, m, () => 0)]);
}
t('incompatible get', () => Map.prototype.get.call({}, 'x'));
t('incompatible has', () => Reflect.apply(Set.prototype.has, new Map(), [1]));
t('incompatible size', () => Object.getOwnPropertyDescriptor(Map.prototype, 'size').get.call(new Set()));
t('incompatible forEach', () => forEach.call([], () => 1));
t('null receiver', () => Map.prototype.get.call(null, 1));
t('a Proxy of a Map', () => Map.prototype.get.call(new Proxy(new Map(), {}), 'x'));
t('forEach of no function', () => Map.prototype.forEach.call(new Map(src), 5));
const own = { a: 1 }; const hasOwn = Object.prototype.hasOwnProperty;
t('another has', () => [hasOwn.call(own, 'a'), Object.prototype.hasOwnProperty.call(own, 'b')]);
`;

const PROGRAMS: Record<string, [source: string, what: string]> = {
  'replaced.js': [REPLACED, 'a program that replaces every method of the keyed collections counts as many calls, and none recurses'],
  'borrowed.js': [BORROWED, 'built-ins of Map and Set that read, called on copies through call, apply, bind and Reflect.apply, read them; on other receivers they throw as plain'],
};

describeSameAsPlain('the keyed collections’ built-ins, replaced or borrowed, in real processes (issue 14)', PROGRAMS);
