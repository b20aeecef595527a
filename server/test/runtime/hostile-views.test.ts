/**
 * Issue 14, items 3 and 5, in real processes: programs run with plain `node` and through
 * `cowlens report` in observe and in cow mode must print the same, on stdout and stderr, and exit
 * alike. The values are large enough for cow mode's default threshold to share them as views.
 */
import { join } from 'node:path';
import { describeSameAsPlain } from './same-as-plain.js';
import { REPO } from '../cli/run-cowlens.js';

const LODASH = join(REPO, 'node_modules/lodash/lodash.js');

const FROZEN = `
const util = require('util');
function t(f) { try { f(); console.log('ok'); } catch (e) { console.log(e.constructor.name + ': ' + e.message); } }
class Point { constructor(i) { this.x = i; } }
const base = {}; for (let i = 0; i < 100; i++) base['k' + i] = { i };
const points = Array.from({ length: 100 }, (_, i) => ({ i }));
const obj = { ...base }; Object.freeze(obj);
t(() => { obj.k0 = 1; }); t(() => { obj.nope = 1; }); t(() => { delete obj.k1; });
t(() => { Object.defineProperty(obj, 'k2', { value: 5 }); }); t(() => { Object.setPrototypeOf(obj, null); });
t(() => { Object.assign(obj, { k3: 1 }); });
t(() => console.log(Reflect.set(obj, 'k0', 2), Reflect.deleteProperty(obj, 'k0'), Reflect.defineProperty(obj, 'z', { value: 1 })));
const arr = points.slice(); Object.freeze(arr);
t(() => { arr[0] = 1; }); t(() => { arr.push(1); }); t(() => { arr.length = 0; }); t(() => { arr.pop(); });
const sealed = structuredClone({ base }).base; Object.seal(sealed);
t(() => { sealed.k0 = 9; }); t(() => { sealed.fresh = 9; }); t(() => { delete sealed.k0; });
const closed = [...points]; Object.preventExtensions(closed);
t(() => { closed[100] = 1; }); t(() => { closed.unshift(1); });
const instance = Object.assign(Object.create(Point.prototype), base); Object.freeze(instance);
t(() => { instance.k3 = 2; }); t(() => { instance.fresh = 2; });
const readOnly = { ...base }; Object.defineProperty(readOnly, 'k5', { writable: false });
t(() => { readOnly.k5 = 1; });
const map = new Map(new Map(Object.entries(base))); Object.freeze(map);
t(() => { map.x = 1; }); t(() => { map.set('k0', 1); console.log(map.size); });
const kept = [...points]; t(() => { delete kept.length; });
console.log(util.types.isProxy(obj), util.types.isProxy(arr), util.types.isProxy(map), util.types.isProxy(new Proxy({}, {})));
`;

const ITERATION = `
const util = require('util');
const big = new Map(Array.from({ length: 60 }, (_, i) => ['k' + i, i]));
const numbers = new Set(Array.from({ length: 60 }, (_, i) => i));
let seen = [];
const m = new Map(big);
for (const [k] of m) { seen.push(k); if (k === 'k0') m.set('new', 1); if (k === 'k1') m.delete('k2'); }
console.log(seen.length, seen.includes('new'), seen.includes('k2'));
const m2 = new Map(big); seen = [];
m2.forEach((v, k) => { seen.push(k); if (k === 'k0') { m2.delete('k3'); m2.set('added', 2); } });
console.log(seen.length, seen.includes('k3'), seen.includes('added'));
const m3 = structuredClone(big); const it = m3.keys(); it.next(); m3.set('late', 1); m3.delete('k1');
console.log([...it].slice(0, 2), [...it].length, it.next(), Object.prototype.toString.call(it), Object.getPrototypeOf(it) === Object.getPrototypeOf(new Map().keys()));
const s1 = new Set(numbers); seen = [];
for (const x of s1) { seen.push(x); if (x === 0) { s1.delete(1); s1.add('z'); } }
console.log(seen.length, seen.includes(1), seen.includes('z'));
const s2 = new Set(numbers); seen = [];
s2.forEach((x) => { seen.push(x); if (x === 0) { s2.delete(5); s2.add('q'); } });
console.log(seen.length, seen.includes(5), seen.includes('q'));
const source = new Map(big); const m4 = new Map(source); seen = [];
for (const [k] of m4) { seen.push(k); if (k === 'k0') { source.set('k9', 'changed'); source.delete('k10'); } }
console.log(seen.length, m4.get('k9'), m4.has('k10'));
for (const f of ['entries', 'keys', 'values', Symbol.iterator]) {
  console.log(String(f), Object.prototype.toString.call(new Map(big)[f]()), Object.prototype.toString.call(new Set(numbers)[f]()));
}
const m5 = new Map(big); const i5 = m5.entries(); i5.next(); m5.delete('k2');
console.log(util.inspect(i5).slice(0, 60), util.inspect(new Set(numbers).values()).slice(0, 40));
const points = Array.from({ length: 100 }, (_, i) => i);
const a = points.slice(); seen = [];
for (const x of a) { seen.push(x); if (x === 0) { a.push('p'); a.splice(1, 1); } }
console.log(seen.length, seen.includes('p'), seen.includes(1));
`;

const INSPECT = `
const util = require('util');
const base = {}; for (let i = 0; i < 100; i++) base['k' + i] = { i, list: [i] };
const state = { base, list: Array.from({ length: 100 }, (_, i) => ({ i })) };
state.self = state;
const deep = structuredClone(state);
const wrapper = { deep }; deep.back = wrapper;
console.log(util.inspect(deep, { depth: 2 }).slice(0, 400));
console.log(util.inspect(wrapper, { depth: 3 }).slice(0, 400));
const spread = { ...base }; Object.defineProperty(spread, 'hidden', { value: 1, enumerable: false });
Object.defineProperty(spread, 'getter', { get() { return 7; }, enumerable: true });
console.log(util.inspect(spread, { showHidden: true, depth: 0 }).slice(-200));
const map = new Map(new Map(Object.entries(base))); map.extra = 1;
console.log(util.inspect(map, { depth: 0 }).slice(-100));
const list = state.list.slice(); list.own = 'x';
console.log(util.inspect(list, { depth: 0, showHidden: true }).slice(-100));
`;

/** Views reached by `%o`, `showProxy` and `customInspect: false` (console.dir), top-level or inside plain containers. */
const SHOW_PROXY = `
const util = require('util');
class Point { constructor(at) { this.at = at; } }
const base = {}; for (let i = 0; i < 70; i++) base['k' + i] = { i, list: [i, { deep: { deeper: { deepest: i } } }] };
const points = Array.from({ length: 80 }, (_, i) => ({ i }));
const o = { ...base };
const a = points.slice(); a.extra = 'x'; delete a[3]; a[90] = 'far';
const cyclic = { ...base }; cyclic.self = cyclic; cyclic.k1 = { up: cyclic };
const hidden = { ...base }; Object.defineProperty(hidden, 'secret', { value: 42, enumerable: false });
let reads = 0; Object.defineProperty(hidden, 'acc', { get() { reads++; return 1; }, enumerable: true });
const frozen = Object.freeze({ ...base });
const map = new Map(new Map(Object.entries(base))); map.prop = 1;
const set = new Set(new Set(points));
const deep = structuredClone({ base, points });
// The program's own Proxy shows as one; a view inside it would too (README, Limits).
const traps = new Proxy({ p: 1, list: [1, 2] }, { get(t, k) { reads++; return Reflect.get(t, k); } });
const holder = { view: o, list: [a, { cyclic }], map: new Map([['a', a]]), set: new Set([o]), point: new Point(o), traps };
holder.loop = holder;
const cut = (s) => (s.length > 900 ? s.slice(0, 400) + ' ... ' + s.slice(-400) : s);
for (const v of [o, a, cyclic, hidden, frozen, map, set, deep, holder, [traps, o]]) {
  console.log(cut(util.format('%o', v)));
  console.log(cut(util.format('%s: %o and %O', 'both', v, v)));
  console.log(cut(util.inspect(v, { showProxy: true, depth: 0 })));
  console.log(cut(util.inspect(v, { showProxy: true, showHidden: true, depth: null, breakLength: 120 })));
  console.log(cut(util.inspect(v, { customInspect: false, depth: 1 })));
  console.log(cut(util.formatWithOptions({ showProxy: true, depth: 1 }, '%O|%s', v, v)));
  console.dir(v, { depth: 0 });
  console.dir(v, { showProxy: true, depth: 1 });
  console.info('%o', v);
  console.error('%o', v);
}
console.group('%o', a); console.warn('%o', { o }); console.groupEnd();
console.assert(false, '%o', map);
const custom = new console.Console({ stdout: process.stdout, stderr: process.stderr, inspectOptions: { showProxy: true, depth: 0 } });
custom.log(o); custom.log('%o', a); custom.dir(holder); custom.error(set);
util.inspect.defaultOptions.showProxy = true;
console.log(cut(util.inspect(holder)));
console.log(holder.list);
util.inspect.defaultOptions.showProxy = false;
class Hooked { [util.inspect.custom]() { return this === hooked ? 'its own hook, on itself' : 'another object'; } }
const hooked = new Hooked();
console.log('%o', { hooked, o: { o } }); console.dir([hooked, a], { depth: 0 });
console.log(reads, util.types.isProxy(o), util.types.isProxy(traps), util.inspect(traps, { showProxy: true, depth: 0 }));
console.log(util.inspect.name, util.inspect.length, util.format.name, util.format.length, util.formatWithOptions.length, String(util.format));
console.log(Reflect.ownKeys(util.inspect), Reflect.ownKeys(util.format), console.dir.name, console.dir.length, String(console.log));
`;

const SHOW_PROXY_ESM = `
import { format, formatWithOptions, inspect } from 'node:util';
import util from 'node:util';
const base = {}; for (let i = 0; i < 70; i++) base['k' + i] = { i };
const o = { ...base };
const a = Object.values(base).slice();
console.log(format('%o', o));
console.log(inspect(a, { showProxy: true, depth: 0 }));
console.log(formatWithOptions({ colors: true }, '%o', { o, a }));
console.log(inspect === util.inspect, format === util.format);
`;

/**
 * Views held by objects Node prints from internal slots (Errors, functions and classes, Dates,
 * boxed primitives, RegExps), under `%o`, `showProxy` and `customInspect: false`. Stacks are set:
 * the module loader's frames differ under cowlens.
 */
const INTERNAL_SLOTS = `
const util = require('util');
const base = {}; for (let i = 0; i < 70; i++) base['k' + i] = { i };
const o = { ...base };
const a = Object.values(base).slice();
const fixed = (e) => { e.stack = e.name + ': ' + e.message + '\\n    at fixed (here.js:1:1)'; return e; };
class MyError extends Error { constructor(m, options) { super(m, options); this.name = 'MyError'; this.list = a; } }
const inner = fixed(new TypeError('inner', { cause: o }));
const hidden = fixed(new Error('hidden')); Object.defineProperty(hidden, 'state', { value: o, enumerable: false });
const aggregate = fixed(new AggregateError([fixed(new RangeError('r')), o], 'all', { cause: a }));
function plain() {} plain.o = o; plain.list = [a];
const arrow = () => 1; arrow.o = o;
async function later() {} later.o = o;
function* steps() {} steps.o = o;
async function* stream() {} stream.o = o;
const bound = plain.bind(null); bound.o = o;
class Base { m() {} }
class Shape extends Base { static all = o; static make() {} get area() { return 1; } draw() {} }
class Holder {} Holder.prototype.state = o;
const methods = { class() {}, draw() {} }; methods.class.o = o; methods.draw.o = o;
const date = new Date(0); date.o = o;
const invalid = new Date(NaN); invalid.o = o;
const text = new String('abc'); text.o = o; text.extra = 1;
const number = Object(1); number.o = o;
const symbol = Object(Symbol('s')); symbol.o = o;
const big = Object(10n); big.o = o;
const pattern = /a.b/gimsuy; pattern.lastIndex = 3; pattern.o = o;
const cyclic = fixed(new Error('cyclic', { cause: { o } })); cyclic.self = cyclic;
const all = [fixed(new MyError('mine', { cause: { o } })), fixed(new Error('outer', { cause: inner })), hidden, aggregate,
  plain, arrow, later, steps, stream, bound, Shape, Holder, (0, class { static s = o; }), methods, date, invalid, text, number, symbol, big, pattern, cyclic];
const cut = (s) => (s.length > 700 ? s.slice(0, 300) + ' ... ' + s.slice(-300) : s);
for (const v of [...all, { all }]) {
  console.log(cut(util.format('%o', v)));
  console.log(cut(util.inspect(v, { showProxy: true, depth: 0 })));
  console.log(cut(util.inspect(v, { showProxy: true, showHidden: true, getters: true, depth: 3 })));
  console.log(cut(util.inspect(v, { customInspect: false, depth: 1 })));
  console.dir(v, { depth: 1 });
}
`;

/**
 * Views held by objects with inspect hooks, which Node runs at any depth: each hook runs once, on
 * its own object, handed util.inspect, and what it prints or returns shows views as plain copies.
 */
const HOOKS = `
const util = require('util');
const base = {}; for (let i = 0; i < 70; i++) base['k' + i] = { i };
const o = { ...base };
const a = Object.values(base).slice(0, 60).slice();
class Viaarg { constructor(v) { this.view = v; } [util.inspect.custom](depth, options, inspect) { return 'Viaarg<' + inspect(this.view, { ...options, depth: 0 }).length + ',' + depth + ',' + (inspect === util.inspect) + ',' + (this === viaArg) + '>'; } }
const viaArg = new Viaarg(o);
class Returns { constructor(v) { this.view = v; } [util.inspect.custom](depth) { return { wrapped: this.view, depth }; } }
class Self { constructor(v) { this.view = v; } [util.inspect.custom]() { return this; } }
const own = { list: a, [util.inspect.custom](depth, options) { return util.inspect(this.list, options).length; } };
const ownSelf = { list: a, [util.inspect.custom]() { return this; } };
const returnsView = { list: a, [util.inspect.custom]() { return this.list; } };
class Throws { constructor(v) { this.view = v; } [util.inspect.custom]() { throw new Error('hook failed'); } }
let calls = 0;
class Counted { constructor(v) { this.view = v; } [util.inspect.custom](d, opts, inspect) { calls++; return inspect(this.view, opts); } }
const cut = (s) => (s.length > 500 ? s.slice(0, 200) + ' ... ' + s.slice(-200) : s);
for (const v of [viaArg, new Returns(o), new Self(o), own, ownSelf, returnsView, new Counted(a), { nested: [new Returns(a), viaArg] }]) {
  console.log(cut(util.format('%o', v)));
  console.log(cut(util.inspect(v, { showProxy: true, depth: 1 })));
  console.log(cut(util.inspect(v, { showProxy: true, showHidden: true, depth: 3 })));
  console.log(cut(util.inspect(v, { customInspect: false, depth: 1 })));
  console.dir(v, { depth: 0 });
}
try { util.format('%o', new Throws(o)); } catch (e) { console.log(e.message, e.stack.split('\\n').slice(0, 3).map((l) => l.replace(/:\\d+:\\d+/, '')).join('|')); }
console.log(calls);
const getterHook = { view: o, get [util.inspect.custom]() { calls += 100; return () => 'got'; } };
console.log(util.format('%o', { getterHook }).length, calls);
// util.inspect as an object's own hook, which Node passes over as its own inspect.
const itself = { o, a: 1 }; itself[util.inspect.custom] = util.inspect;
function fn() {} fn[util.inspect.custom] = util.inspect; fn.x = 1;
class Inherits {} Inherits.prototype[util.inspect.custom] = util.inspect;
console.log(cut(util.inspect(itself)), cut(util.format('%o', itself)), util.inspect(itself, { showProxy: true, depth: 0 }));
console.log(cut(util.inspect(fn)), util.format('%o', fn).length, new Inherits(), util.format('%o', { i: new Inherits(), o }).length);
`;

/** console.table of Map and Set views and their iterators, which Node tells by internal slots, and of views within plain data. */
const TABLE = `
const base = {}; for (let i = 0; i < 70; i++) base['k' + i] = { i, j: { deep: i } };
const map = new Map(new Map(Object.entries(base)));
const set = new Set(new Set(Object.values(base)));
const numbers = new Set(new Set(Array.from({ length: 100 }, (_, i) => i)));
const list = Object.values(base).slice();
const o = { ...base };
const custom = new console.Console({ stdout: process.stdout, inspectOptions: { showProxy: true, depth: 0 } });
const started = map.entries(); started.next();
for (const [data, columns] of [[map], [map, ['i']], [set], [numbers], [set, []], [list], [o], [[o.k1, list[2]]], [{ x: o.k1, y: list }],
  [started], [map.keys()], [map.values()], [set.values()], [set.entries()]]) {
  console.table(data, columns);
  custom.table(data, columns);
}
console.log(started.next().value[0], console.table.name, console.table.length, custom.table.length, String(console.table));
try { console.table(map, 'columns'); } catch (e) { console.log(e.name, e.code, e.message); }
// The global console's methods are bound: they run detached as well.
const { table, dir } = console;
table(map); table(list.slice(0, 3)); dir(map, { depth: 0 }); dir({ o }, { depth: 1 });
for (const method of ['table', 'dir']) {
  try { console.Console.prototype[method].call(undefined, map); } catch (e) { console.log(method, e.name, e.message); }
}
`;

/** A built-in's refused write through a frozen view: V8's error, and the built-in's frame named by the copy's class. */
const REFUSED_BUILTINS = `
'use strict';
class List extends Array {}
const frozen = Object.freeze(Array.from({ length: 100 }, (_, i) => ({ i })));
const copy = frozen.slice(); Object.freeze(copy);
const mine = List.from(frozen).slice(); Object.freeze(mine);
const spread = { ...Object.fromEntries(frozen.map((v, i) => ['k' + i, v])) }; Object.freeze(spread);
for (const [what, write] of [
  ['push', () => copy.push(3)], ['pop', () => copy.pop()], ['sort', () => copy.sort()], ['fill', () => copy.fill(0)],
  ['reverse', () => copy.reverse()], ['splice', () => copy.splice(0, 1)],
  ['subclass', () => mine.push(1)], ['generic', () => Array.prototype.push.call(spread, 1)], ['assign', () => Object.assign(spread, { k0: 1 })],
]) {
  try {
    write();
    console.log(what, 'wrote');
  } catch (e) {
    console.log(what, e.constructor.name, e.message, '|', e.stack.split('\\n')[1].trim());
  }
}
`;

/** Node's type checks and a package that relies on them (lodash's isMap, isSet and cloneDeep). */
const TYPE_CHECKS = (load: string): string => `
${load}
const m = new Map(Array.from({ length: 60 }, (_, i) => ['k' + i, { i }]));
const s = new Set(Array.from({ length: 60 }, (_, i) => i));
const cm = new Map(m), cs = new Set(s), deep = structuredClone({ m, s });
console.log(types.isMap(cm), types.isSet(cs), types.isMap(cs), types.isSet(cm), types.isMap(deep.m), types.isSet(deep.s), types.isMap([...s]), types.isProxy(cm));
console.log(_.isMap(cm), _.isSet(cs), _.isMap(deep.m), _.isSet(deep.s));
const cloneDeep = _[['cloneDeep'][0]];
for (const v of [cm, cs, deep.m, deep.s]) { const c = cloneDeep(v); console.log(c.constructor.name, c.size, [...c].slice(0, 2)); }
`;

/**
 * structuredClone and postMessage of values whose getters return views, or hold them (issue 14):
 * each getter runs once, in V8's order, and what the clone refuses is refused where V8 refuses it,
 * getters past it not run. Run before any view is made, then after.
 */
const CLONE_GETTERS = `
const { MessageChannel, receiveMessageOnPort } = require('worker_threads');
const order = [];
const base = Array.from({ length: 3000 }, (_, i) => i);
const keyed = Object.fromEntries(base.slice(0, 400).map((i) => ['k' + i, i]));
const show = (v) => JSON.stringify(v, (k, x) => (x instanceof Map || x instanceof Set ? [x.constructor.name, ...x] : Array.isArray(x) && x.length > 4 ? ['length', x.length, x[0], x[x.length - 1]] : x)).slice(0, 300);
function t(what, f) {
  order.length = 0;
  try { console.log(what, show(f()), order.join(',')); } catch (e) { console.log(what, e.name, e.message, order.join(',')); }
}
const got = (tag, make) => ({ enumerable: true, configurable: true, get() { order.push(tag); return make(); } });
class Box { constructor() { this.own = 1; Object.defineProperty(this, 'g', got('own', () => [...base])); } get proto() { order.push('proto'); return [...base]; } }
function cases(post) {
  t('top', () => post({ a: 1, get g() { order.push('g'); return [...base]; }, z: 2 }));
  t('nested', () => post({ a: { b: { get g() { order.push('nested'); return { ...keyed }; } } }, c: [1, { get d() { order.push('d'); return base.slice(); } }] }));
  t('class', () => post(new Box()));
  t('map', () => post(new Map([['x', { get g() { order.push('value'); return [...base]; } }], [{ get k() { order.push('key'); return base.concat(); } }, 1]])));
  t('set', () => post(new Set([{ get g() { order.push('set'); return base.slice(); } }, 2])));
  const arr = [1, 2, 3]; Object.defineProperty(arr, 1, got('element', () => [...base])); Object.defineProperty(arr, 'extra', got('extra', () => ({ ...keyed })));
  t('elements', () => post({ arr }));
  t('holder', () => post({ get g() { order.push('holder'); return { inner: [...base], more: { ...keyed }, map: new Map([[1, [...base]]]) }; } }));
  t('depth first', () => post({ get a() { order.push('a'); return { get b() { order.push('b'); return [...base]; }, c: [...base] }; }, get e() { order.push('e'); return 1; } }));
  t('function', () => post({ get g() { order.push('g'); return [...base]; }, f: function named() {}, get h() { order.push('not run'); return 1; } }));
  t('symbol', () => post({ get g() { order.push('g'); return [...base]; }, s: [Symbol('q')], get h() { order.push('not run'); return 1; } }));
  t('proxy', () => post({ get g() { order.push('g'); return [...base]; }, p: new Proxy({}, {}), get h() { order.push('not run'); return 1; } }));
  t('weak', () => post({ get g() { order.push('g'); return [...base]; }, w: new WeakMap(), get h() { order.push('not run'); return 1; } }));
  t('returns function', () => post({ get g() { order.push('g'); return () => [...base]; }, get h() { order.push('not run'); return 1; } }));
  t('deletes', () => post({ get a() { order.push('a'); delete this.b; this.late = 1; return [...base]; }, b: 2, c: 3 }));
  t('error', () => post({ e: new RangeError('boom', { cause: { get g() { order.push('cause'); return [...base]; } } }) }));
  t('shared', () => { const v = [...base]; const c = post({ v, get g() { order.push('g'); return v; }, w: [v] }); return [c.v === c.g, c.w[0] === c.v]; });
  t('transfer', () => { const buf = new ArrayBuffer(8); const c = post({ buf, get g() { order.push('g'); return [...base]; } }, { transfer: [buf] }); return [buf.byteLength, c.buf.byteLength]; });
}
const { port1, port2 } = new MessageChannel();
const viaPort = (v, options) => { port1.postMessage(v, options?.transfer); return receiveMessageOnPort(port2).message; };
for (const [name, post] of [['structuredClone', (v, o) => structuredClone(v, o)], ['global', (v, o) => globalThis.structuredClone(v, o)], ['port', viaPort]]) {
  console.log('--', name);
  cases(post);
}
const made = [...base];
console.log('-- after a view', made.length);
for (const [name, post] of [['structuredClone', (v, o) => structuredClone(v, o)], ['port', viaPort]]) {
  console.log('--', name);
  cases(post);
  t('view', () => post({ made, more: { get g() { order.push('g'); return made; } }, m: new Map([[made, { ...keyed }]]) }));
  const held = [[1]];
  const copy = new Map(new Map([...Object.entries(keyed), [0, held]]));
  held[0].back = copy;
  t('cycle through plain data', () => { const c = post(copy); return [c.size, c.get(0)[0].back === c]; });
}
port1.close();
`;

const NATIVE_TAKERS = `
const v8 = require('v8'), fs = require('fs'), vm = require('vm'), path = require('path'), os = require('os');
const { BroadcastChannel, Worker, isMainThread, workerData, parentPort } = require('worker_threads');
const { fork, spawnSync, ChildProcess } = require('child_process');
if (process.argv[2] === 'child') {
  process.on('message', (m) => { process.send(m.concat('back'), () => process.exit(0)); });
} else if (process.argv[2] === 'pending') {
  // Under --pending-deprecation, taking Node's fs binding would print DEP0111: fs's own functions take views then.
  const fd = fs.openSync(path.join(os.tmpdir(), 'cowlens-pending-' + process.pid), 'w');
  console.log(fs.writevSync(fd, [...Array.from({ length: 100 }, () => Buffer.from('ab'))]), typeof process.binding('fs').writeBuffers);
  fs.closeSync(fd);
  fs.unlinkSync(path.join(os.tmpdir(), 'cowlens-pending-' + process.pid));
} else if (process.argv[2] === 'execve') {
  // Node 22.15 on.
  if (typeof process.execve !== 'function') console.log('no execve');
  else process.execve('/bin/echo', [...['echo', ...Array.from({ length: 100 }, (_, i) => 'e' + i)]], { ...process.env });
} else if (!isMainThread) {
  parentPort.postMessage(['worker got', workerData.list.length, workerData.keyed.k3, process.execArgv.length]);
} else {
  const t = (what, f) => { try { console.log(what, f()); } catch (e) { console.log(what, e.name, e.message, e.stack.split('\\n')[1].replace(/:\\d+:\\d+\\)?$/, '')); } };
  const nums = Array.from({ length: 100 }, (_, i) => i);
  const keyed = Object.fromEntries(nums.map((i) => ['k' + i, i]));
  const bufs = Array.from({ length: 100 }, () => Buffer.from('ab'));
  const shape = (f) => [f.name, f.length, 'prototype' in f, String(f).slice(0, 40)];
  t('serialize', () => v8.deserialize(v8.serialize([...nums])).length);
  t('serialize nested', () => v8.deserialize(v8.serialize({ a: [...nums], m: new Map([[1, { ...keyed }]]) })).m.get(1).k7);
  t('serializer', () => { const s = new v8.Serializer(); s.writeHeader(); s.writeValue({ ...keyed }); const d = new v8.Deserializer(s.releaseBuffer()); d.readHeader(); return Object.keys(d.readValue()).length; });
  t('serialize refuses', () => v8.serialize({ list: [...nums], f() {} }));
  t('serialize proxy', () => v8.serialize([[...nums], new Proxy({}, {})]));
  t('writeValue', () => shape(v8.Serializer.prototype.writeValue));
  t('Worker without new', () => Worker(__filename));
  const file = path.join(os.tmpdir(), 'cowlens-takers-' + process.pid);
  t('writevSync', () => { const fd = fs.openSync(file, 'w'); try { return fs.writevSync(fd, [...bufs]); } finally { fs.closeSync(fd); } });
  t('readvSync', () => { const fd = fs.openSync(file, 'r'); const into = bufs.map(() => Buffer.alloc(2)); try { return [fs.readvSync(fd, [...into]), into[99].toString()]; } finally { fs.closeSync(fd); } });
  t('writevSync refuses', () => fs.writevSync(1, [...nums]));
  t('writevSync', () => [shape(fs.writevSync), shape(fs.readv)]);
  t('compileFunction', () => vm.compileFunction('return p0 + p1', [...nums.map((i) => 'p' + i)])('a', 'b'));
  t('compileFunction scopes', () => vm.compileFunction('return k1 + k2', [], { contextExtensions: [{ ...keyed }] })());
  t('compileFunction', () => shape(vm.compileFunction));
  t('captureStackTrace', () => { const p = { ...keyed }; Error.captureStackTrace(p); const d = Object.getOwnPropertyDescriptor(p, 'stack'); return [typeof p.stack, p.stack.split('\\n')[0], d.enumerable, d.configurable, Object.keys(p).length]; });
  t('captureStackTrace frozen', () => { const p = Object.freeze({ ...keyed }); Error.captureStackTrace(p); });
  t('captureStackTrace', () => shape(Error.captureStackTrace));
  t('captureStackTrace plain', () => { const p = {}; (function inner() { Error.captureStackTrace(p); })(); return p.stack.split('\\n')[1].trim().split(' ')[1]; });
  if (process.getuid() !== 0) t('setgroups', () => process.setgroups([...nums]));
  t('writevSync bad fd', () => fs.writevSync(2 ** 30, [...bufs]));
  t('readvSync bad fd', () => fs.readvSync(2 ** 30, [...bufs]));
  t('createTracing', () => require('trace_events').createTracing({ categories: [...nums.map((i) => 'c' + i)] }).categories.length);
  t('execve', () => spawnSync(process.execPath, [__filename, 'execve'], { encoding: 'utf8' }).stdout.length);
  t('pending deprecation', () => { const r = spawnSync(process.execPath, ['--pending-deprecation', __filename, 'pending'], { encoding: 'utf8' }); return [r.stdout, r.stderr.replace(/\\(node:\\d+\\)/g, '(node)')]; });
  const steps = [
    (next) => {
      const args = ['sh', '-c', 'echo $# $V99', ...nums.map((i) => 'a' + i)];
      const copy = [...args];
      const child = new ChildProcess();
      child.spawn({ file: 'sh', args: copy, envPairs: [...nums.map((i) => 'V' + i + '=x' + i)], stdio: 'pipe' });
      console.log('ChildProcess#spawn', child.spawnargs === copy);
      child.stdout.on('data', (d) => { console.log('ChildProcess#spawn got', String(d).trim()); next(); });
    },
    (next) => fs.promises.open(file, 'w+').then(async (handle) => {
      const into = bufs.map(() => Buffer.alloc(2));
      console.log('FileHandle', (await handle.writev([...bufs], 0)).bytesWritten, (await handle.readv([...into], 0)).bytesRead, into[99].toString());
      await handle.close();
      await handle.writev([...bufs]).catch((e) => console.log('FileHandle closed', e.code, e.message));
      next();
    }),
    (next) => fs.writev(fs.openSync(file, 'w'), [...bufs], (e, n) => { console.log('writev', e, n); next(); }),
    (next) => fs.readv(fs.openSync(file, 'r'), [...bufs.map(() => Buffer.alloc(2))], (e, n) => { console.log('readv', e, n); fs.unlinkSync(file); next(); }),
    (next) => {
      const a = new BroadcastChannel('c'), b = new BroadcastChannel('c');
      b.onmessage = (ev) => { console.log('broadcast', ev.data.length); a.close(); b.close(); next(); };
      console.log('posted', a.postMessage([...nums]));
    },
    (next) => new Worker(__filename, { workerData: { list: [...nums], keyed: { ...keyed } }, execArgv: [...nums.map(() => '--no-warnings')] }).on('message', (m) => { console.log(...m); next(); }),
    (next) => { class Mine extends Worker {} const w = new Mine(__filename, { workerData: { list: nums, keyed } }); console.log(w instanceof Mine, w.constructor === Mine, Worker.prototype.constructor === Worker, shape(Worker)); w.on('message', () => next()); },
    (next) => {
      const child = fork(__filename, ['child'], { serialization: 'advanced' });
      child.on('message', (m) => { console.log('parent got', m.length, m[100]); next(); });
      child.send([...nums]);
    },
  ];
  const run = () => steps.length > 0 && steps.shift()(run);
  run();
}
`;

/** Views sent both ways over IPC channels that serialize with V8 (a forked child's own `process.send` included) and over JSON ones. */
const ADVANCED_IPC = `
const { fork } = require('child_process');
if (process.argv[2] === 'child') {
  process.on('message', (m) => { const copy = [...m]; process.send(copy, () => process.exit(0)); });
} else {
  const nums = Array.from({ length: 100 }, (_, i) => i);
  const advanced = fork(__filename, ['child'], { serialization: 'advanced' });
  const json = fork(__filename, ['child']);
  const copy = [...nums];
  advanced.on('message', (m) => { console.log('advanced got', m.length, m[99]); json.send(copy); });
  json.on('message', (m) => console.log('json got', m.length, m[99]));
  advanced.send(copy);
}
`;

const PROGRAMS: Record<string, [string, string]> = {
  'frozen-strict.js': [`'use strict';${FROZEN}`, 'writes to frozen, sealed, non-extensible and read-only views throw V8’s own errors in strict code; isProxy is false'],
  'frozen-sloppy.js': [FROZEN, 'the same writes are silent in sloppy code, but where a built-in throws'],
  'iteration.js': [ITERATION, 'Map and Set views iterate live, with built-in iterators'],
  'inspect.js': [INSPECT, 'util.inspect shows views with cycles, hidden properties, getters and Map properties as plain copies'],
  'show-proxy.js': [SHOW_PROXY, '%o, showProxy and customInspect: false (console.dir) show views, alone or within plain values, as plain copies, through util and every console'],
  'show-proxy.mjs': [SHOW_PROXY_ESM, 'ES modules that import util’s functions by name print views as plain copies too'],
  'type-checks.js': [TYPE_CHECKS(`const { types } = require('util'); const _ = require(${JSON.stringify(LODASH)});`), 'util.types and lodash take Map and Set views for Maps and Sets'],
  'type-checks.mjs': [TYPE_CHECKS(`import * as types from 'node:util/types'; import _ from ${JSON.stringify(LODASH)};`), 'so do the named exports of node:util/types'],
  'clone-getters.js': [CLONE_GETTERS, 'structuredClone and postMessage run a getter that returns a view, or a value holding one, once and in V8’s order, and refuse what V8 refuses where it does'],
  'internal-slots.js': [INTERNAL_SLOTS, '%o, showProxy and customInspect: false show views held by Errors, functions, classes, Dates, boxed primitives and RegExps as plain copies'],
  'hooks.js': [HOOKS, '%o and showProxy show views that inspect hooks print or return as plain copies, running each hook as plain Node does'],
  'table.js': [TABLE, 'console.table prints Map and Set views and their iterators as it prints a Map, a Set and their iterators'],
  'native-takers.js': [NATIVE_TAKERS, 'v8.serialize, v8.Serializer, fs and FileHandle writev and readv, trace_events.createTracing, vm.compileFunction, process.setgroups and execve, ChildProcess#spawn’s args and envPairs, Error.captureStackTrace, BroadcastChannel, a Worker’s workerData and execArgv and advanced IPC take views as plain Node takes the copies'],
  'advanced-ipc.js': [ADVANCED_IPC, 'children forked with serialization: advanced (and json) are sent views and send them to their parent with process.send'],
  'refused-builtins.js': [REFUSED_BUILTINS, 'a built-in’s refused write to a frozen view throws V8’s error with the frame plain Node shows'],
};

describeSameAsPlain('views behave as plain values, in real processes (issue 14, items 3 and 5)', PROGRAMS);
