/**
 * Issue 14, items 3 and 5, in real processes: programs run with plain `node` and through
 * `cowlens report` in observe and in cow mode must print the same, on stdout and stderr, and exit
 * alike. The values are large enough for cow mode's default threshold to share them as views.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cowlens, plainNode, REPO } from '../cli/run-cowlens.js';

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

const PROGRAMS: Record<string, [string, string]> = {
  'frozen-strict.js': [`'use strict';${FROZEN}`, 'writes to frozen, sealed, non-extensible and read-only views throw V8’s own errors in strict code; isProxy is false'],
  'frozen-sloppy.js': [FROZEN, 'the same writes are silent in sloppy code, but where a built-in throws'],
  'iteration.js': [ITERATION, 'Map and Set views iterate live, with built-in iterators'],
  'inspect.js': [INSPECT, 'util.inspect shows views with cycles, hidden properties, getters and Map properties as plain copies'],
  'show-proxy.js': [SHOW_PROXY, '%o, showProxy and customInspect: false (console.dir) show views, alone or within plain values, as plain copies, through util and every console'],
  'show-proxy.mjs': [SHOW_PROXY_ESM, 'ES modules that import util’s functions by name print views as plain copies too'],
  'type-checks.js': [TYPE_CHECKS(`const { types } = require('util'); const _ = require(${JSON.stringify(LODASH)});`), 'util.types and lodash take Map and Set views for Maps and Sets'],
  'type-checks.mjs': [TYPE_CHECKS(`import * as types from 'node:util/types'; import _ from ${JSON.stringify(LODASH)};`), 'so do the named exports of node:util/types'],
  'refused-builtins.js': [REFUSED_BUILTINS, 'a built-in’s refused write to a frozen view throws V8’s error with the frame plain Node shows'],
};

describe('views behave as plain values, in real processes (issue 14, items 3 and 5)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cowlens-hostile-views-'));
  for (const [file, [source]] of Object.entries(PROGRAMS)) writeFileSync(join(dir, file), source);
  for (const [file, [, what]] of Object.entries(PROGRAMS)) {
    it(`${file}: ${what}`, () => {
      const plain = plainNode([file], { cwd: dir });
      expect(plain.status).toBe(0);
      for (const mode of ['observe', 'cow'] as const) {
        const run = cowlens(['report', '--mode', mode, '--format', 'json', '--out', join(dir, `${file}.${mode}.json`), '--', 'node', file], { cwd: dir });
        const stderr = run.stderr.split('\n').filter((line) => !line.startsWith('cowlens: ')).join('\n');
        expect({ mode, status: run.status, stdout: run.stdout, stderr }).toEqual({ mode, status: plain.status, stdout: plain.stdout, stderr: plain.stderr });
      }
    });
  }
});
