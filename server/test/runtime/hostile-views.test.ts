/**
 * Issue 14, items 3 and 5, in real processes: programs run with plain `node` and through
 * `cowlens report` in observe and in cow mode must print the same, on stdout and stderr, and exit
 * alike. The values are large enough for cow mode's default threshold to share them as views.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cowlens, plainNode } from '../cli/run-cowlens.js';

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

const PROGRAMS: Record<string, [string, string]> = {
  'frozen-strict.js': [`'use strict';${FROZEN}`, 'writes to frozen, sealed, non-extensible and read-only views throw V8’s own errors in strict code; isProxy is false'],
  'frozen-sloppy.js': [FROZEN, 'the same writes are silent in sloppy code, but where a built-in throws'],
  'iteration.js': [ITERATION, 'Map and Set views iterate live, with built-in iterators'],
  'inspect.js': [INSPECT, 'util.inspect shows views with cycles, hidden properties, getters and Map properties as plain copies'],
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
