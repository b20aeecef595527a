/**
 * Programs that test what a copy may read (issue 14): the program's own Proxies, built-ins called
 * with bad arguments, enumerable properties on Object.prototype and Array.prototype, and names
 * like `_` that are not lodash. Each runs in real processes, plainly, under `cowlens report
 * --mode observe` and under `--mode cow`: all three must print, fail and exit alike. The values
 * are large enough for cow mode to make views of them by default.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI, REPO, reportOf } from '../cli/run-cowlens.js';

interface Outcome {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const dirs: string[] = [];

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** Writes `files` into a fresh directory (with lodash installed) and runs `main` there plainly, observed and in cow mode. */
function runEverywhere(files: Record<string, string>, main: string): Record<'plain' | 'observe' | 'cow', Outcome> {
  const dir = mkdtempSync(join(tmpdir(), 'cowlens-hostile-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'), 'dir');
  const run = (args: readonly string[]): Outcome => {
    const env: NodeJS.ProcessEnv = {};
    for (const [key, value] of Object.entries(process.env)) if (key !== 'NODE_OPTIONS' && !key.startsWith('COWLENS_')) env[key] = value;
    const result = spawnSync(process.execPath, args, { cwd: dir, env, encoding: 'utf8', timeout: 90_000 });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  };
  const under = (mode: 'observe' | 'cow'): Outcome =>
    run([CLI, 'report', '--quiet', '--mode', mode, '--format', 'json', '--out', join(dir, `report-${mode}.json`), '--', process.execPath, main]);
  return { plain: run([main]), observe: under('observe'), cow: under('cow') };
}

function expectAlike(files: Record<string, string>, main = 'main.js'): Outcome {
  const { plain, observe, cow } = runEverywhere(files, main);
  expect(plain.status, plain.stderr).toBe(0);
  expect.soft(observe, 'observe mode').toEqual(plain);
  expect.soft(cow, 'cow mode').toEqual(plain);
  return plain;
}

/** Runs a step of the program, printing what it gave or threw: `label`, then what it printed. */
const STEP = `
const step = (label, f) => {
  try {
    const out = f();
    return out;
  } catch (e) {
    console.log(label, 'threw', Object.prototype.toString.call(e), e.name, e.message);
    return undefined;
  }
};
`;

describe('copies of the program’s own Proxies read them as plain JavaScript does, once and eagerly', () => {
  it('with every trap logged, a computed get trap, writes to the targets afterwards, and structuredClone refusing them', () => {
    const out = expectAlike({
      'main.js': `${STEP}
const _ = require('lodash');
const calls = [];
const traps = (name, computed) => ({
  get(t, k, r) { calls.push(name + ' get ' + String(k)); return k === computed ? 'computed at call ' + calls.length : Reflect.get(t, k, r); },
  has(t, k) { calls.push(name + ' has ' + String(k)); return Reflect.has(t, k); },
  ownKeys(t) { calls.push(name + ' ownKeys'); return Reflect.ownKeys(t); },
  getOwnPropertyDescriptor(t, k) { calls.push(name + ' gopd ' + String(k)); return Reflect.getOwnPropertyDescriptor(t, k); },
  getPrototypeOf(t) { calls.push(name + ' getPrototypeOf'); return Reflect.getPrototypeOf(t); },
});
const list = Array.from({ length: 40 }, (_, i) => ({ id: i, tag: 'item ' + i }));
const record = Object.fromEntries(Array.from({ length: 40 }, (_, i) => ['k' + i, { id: i }]));
const p = new Proxy(list, traps('list', '3'));
const o = new Proxy(record, traps('record', 'k3'));
const m = new Proxy(new Map(Object.entries(record)), traps('map'));
const copy = (label, f) => {
  const from = calls.length;
  const out = step(label, f);
  console.log(label, calls.length - from, calls.slice(from).join(' | '));
  return out;
};
const copies = {
  slice: copy('slice', () => p.slice()),
  sliceFrom: copy('slice(0, 100)', () => p.slice(0, 100)),
  spread: copy('array spread', () => [...p]),
  from: copy('Array.from', () => Array.from(p)),
  concat: copy('concat', () => p.concat()),
  objectSpread: copy('object spread', () => ({ ...o })),
  assign: copy('Object.assign', () => Object.assign({}, o)),
  rest: copy('object rest', () => { const { k0, ...rest } = o; return rest; }),
  json: copy('JSON round trip', () => JSON.parse(JSON.stringify({ list: p, record: o }))),
  clone: copy('structuredClone', () => structuredClone(p)),
  nested: copy('structuredClone of a value holding one', () => structuredClone({ inner: { o }, list })),
  set: copy('new Set', () => new Set(p)),
  map: copy('new Map', () => new Map(m)),
  lodashClone: copy('_.clone', () => _.clone(o)),
  lodashDeep: copy('_.cloneDeep', () => _.cloneDeep({ list: p, record: o })),
};
list[0] = 'written after'; record.k1 = 'written after'; list[5].tag = 'deep write';
const reads = calls.length;
for (const [name, c] of Object.entries(copies)) {
  const shown = c instanceof Set ? [...c].slice(0, 6) : c instanceof Map ? [...c.entries()].slice(0, 6) : c;
  console.log(name, JSON.stringify(shown)?.slice(0, 300));
}
console.log('trap calls', reads, calls.length);
`,
    });
    expect(out.stdout).toContain('structuredClone threw [object DOMException] DataCloneError');
  });
});

describe('built-ins check their own arguments', () => {
  it('missing, null, non-function and non-object arguments fail with the built-in’s error, directly or through an alias', () => {
    expectAlike({
      'main.js': `${STEP}
const big = Array.from({ length: 50 }, (_, i) => ({ i, s: 'v' + i }));
const record = Object.fromEntries(big.map((v, i) => ['k' + i, v]));
const sc = structuredClone;
const { assign } = Object;
const { from } = Array;
const show = (label, f) => { const out = step(label, f); if (out !== undefined) console.log(label, 'gave', JSON.stringify(out).slice(0, 60)); };
show('structuredClone()', () => structuredClone());
show('structuredClone(x, 5)', () => structuredClone(big, 5));
show('structuredClone(x, null)', () => structuredClone(big, null));
show('structuredClone(x, { transfer: 5 })', () => structuredClone(big, { transfer: 5 }));
show('structuredClone(x, { transfer: "ab" })', () => structuredClone(record, { transfer: 'ab' }));
show('structuredClone(x, {})', () => structuredClone(big, {}).length);
show('structuredClone(x, getter)', () => structuredClone(big, { get transfer() { console.log('transfer read'); return []; } }).length);
show('alias()', () => sc());
show('alias(x, 5)', () => sc(big, 5));
show('Object.assign(null)', () => Object.assign(null));
show('Object.assign(undefined, x)', () => Object.assign(undefined, record));
show('assign()', () => assign());
show('assign(null, x)', () => assign(null, record));
show('Array.prototype.slice.call(null)', () => Array.prototype.slice.call(null));
show('Array.prototype.concat.call(undefined)', () => Array.prototype.concat.call(undefined));
show('Array.from()', () => Array.from());
show('Array.from(null)', () => Array.from(null));
show('Array.from(x, null)', () => Array.from(big, null));
show('Array.from(x, 0)', () => Array.from(big, 0));
show('from(x, false)', () => from(big, false));
show('new Map(5)', () => new Map(5));
show('new Set(5)', () => new Set(5));
show('[...5]', () => [...5]);
show('JSON round trip of undefined', () => JSON.parse(JSON.stringify(undefined)));
show('JSON round trip of a bigint', () => JSON.parse(JSON.stringify({ n: 1n, big })));
show('rest of null', () => { const { a, ...r } = null; return r; });
`,
    });
  });
});

describe('writes through the program’s own Proxies to targets that copies also share', () => {
  it('show in no copy made before or after the Proxy, shallow or deep, through every way to make one and to write through it', () => {
    expectAlike({
      'main.js': `${STEP}
const big = () => { const o = {}; for (let i = 0; i < 40; i++) o['k' + i] = i + 0.5; return o; };
const list = () => Array.from({ length: 40 }, (_, i) => 'v' + i);
const t = big();
const before = { ...t };
const deepBefore = structuredClone({ t });
console.log(before.k0, deepBefore.t.k0);
const p = new Proxy(t, {});
const after = { ...t };
const deepAfter = structuredClone({ t, also: [t] });
p.k0 = 'through p';
console.log(before.k0, deepBefore.t.k0, after.k0, deepAfter.t.k0, deepAfter.also[0] === deepAfter.t, t.k0);
const a = list();
const { proxy, revoke } = Proxy.revocable(a, { set: (target, k, v, r) => Reflect.set(target, k, v, r) });
const sliced = a.slice(), spread = [...a], deep = JSON.parse(JSON.stringify({ a }));
proxy.push('pushed'); proxy[0] = 'set'; proxy.sort(); proxy.length = 5;
revoke();
console.log(sliced.length, sliced[0], spread.length, spread[0], deep.a.length, deep.a[0], a.length, a[0]);
const P = globalThis.Proxy;
const r = big();
const holder = { r, pad: list() };
const shallowHolder = { ...holder };
const q = new P(r, { defineProperty: (target, k, d) => Reflect.defineProperty(target, k, d) });
const deepHolder = structuredClone(holder);
Reflect.set(q, 'k1', 'Reflect.set'); Reflect.defineProperty(q, 'k2', { value: 'defined' }); delete q.k3; Object.assign(q, { k4: 'assigned' });
console.log(deepHolder.r.k1, deepHolder.r.k2, deepHolder.r.k3, deepHolder.r.k4, shallowHolder.r === r, Object.keys(structuredClone(holder).r).length);
const m = new Map(Object.entries(big()));
const cm = new Map(m);
const pm = new Proxy(m, { get: (target, k) => (typeof target[k] === 'function' ? target[k].bind(target) : target[k]) });
pm.set('k0', 'through pm'); pm.delete('k1');
console.log(cm.get('k0'), cm.size, new Map(m).get('k0'));
`,
    });
  });

  it('count in observe mode as a write where the Proxy is made, as a value lent to a package does', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cowlens-proxied-'));
    dirs.push(dir);
    const file = join(dir, 'main.js');
    writeFileSync(file, `const t = {}; for (let i = 0; i < 40; i++) t['k' + i] = i + 0.5;
const copy = { ...t };
const p = new Proxy(t, {});
p.k0 = 'through p';
console.log(copy.k0);
`);
    const observed = reportOf(['node', file], { mode: 'observe', cwd: dir });
    expect(observed.stdout).toBe('0.5\n');
    expect(observed.report.sites).toEqual([expect.objectContaining({ line: 2, kind: 'object-spread', materialized: 1, copyPoints: [expect.objectContaining({ line: 3, count: 1 })] })]);
    const lazy = reportOf(['node', file], { mode: 'cow', cwd: dir });
    expect(lazy.stdout).toBe('0.5\n');
    expect(lazy.report.hazards).toEqual([]);
    expect(lazy.report.sites).toEqual([expect.objectContaining({ line: 2, materialized: 1, copyPoints: [expect.objectContaining({ line: 3, count: 1 })] })]);
  });
});

describe('enumerable properties on Object.prototype and Array.prototype', () => {
  it('neither crash a copy nor change it, nor run a getter or setter they define', () => {
    expectAlike({
      'main.js': `${STEP}
const _ = require('lodash');
console.log('start'); // Node loads its streams first: they define properties with descriptors that inherit
let reads = 0;
let sets = 0;
Object.defineProperty(Object.prototype, 'counted', { get() { reads++; return 'inherited'; }, enumerable: true, configurable: true });
Object.defineProperty(Object.prototype, 'k5', { get() { return 'proto k5'; }, set(v) { sets++; }, configurable: true });
Object.prototype.value = 'polluted value';
Object.prototype.transfer = [1];
Object.prototype.strings = true;
Array.prototype.extra = 'polluted element';
const src = JSON.parse('{"__proto__": {"evil": 1}, ' + Array.from({ length: 40 }, (_, i) => '"k' + i + '": ' + (i + 0.5)).join(', ') + '}');
const list = Array.from({ length: 40 }, (_, i) => ({ i, s: 's' + i }));
const copies = {
  spread: step('spread', () => ({ ...src })),
  assign: step('assign', () => Object.assign({}, src)),
  rest: step('rest', () => { const { k0, ...rest } = src; return rest; }),
  slice: step('slice', () => list.slice()),
  arraySpread: step('array spread', () => [...list]),
  from: step('Array.from', () => Array.from(list)),
  concat: step('concat', () => list.concat()),
  clone: step('structuredClone', () => structuredClone({ src, list })),
  json: step('JSON', () => JSON.parse(JSON.stringify({ src, list }))),
  map: step('new Map', () => new Map(new Map(Object.entries(src)))),
  set: step('new Set', () => new Set(new Set(Object.keys(src)))),
  lodash: step('_.cloneDeep', () => _.cloneDeep({ list })),
};
console.log('getter reads and setter calls while copying', reads, sets);
src.k1 = 'changed'; list[0] = 'changed'; list[1].i = 'deep';
for (const [name, c] of Object.entries(copies)) {
  const own = c instanceof Map || c instanceof Set ? c.size : Object.keys(c).length;
  const forIn = [];
  for (const k in c) forIn.push(k);
  console.log(name, own, forIn.length, forIn.slice(-5).join(','), JSON.stringify(c).length, Object.hasOwn(c, '__proto__'), Object.getPrototypeOf(c) === Object.prototype, 'k5' in c, c.k5);
}
console.log(copies.clone.list[1].i, copies.slice[0].i, copies.spread.k1, copies.clone.list.extra, 'value' in copies.json, copies.rest.evil);
console.log('getter reads and setter calls in all', reads, sets);
`,
    });
  });
});

describe('a name `_` that is not lodash', () => {
  const big = "const big = Object.fromEntries(Array.from({ length: 40 }, (v, j) => ['k' + j, { j }]));";
  const mine = "const mine = { cloneDeep: (v) => (v === big ? 'mine, same value' : 'mine, other value'), clone: (v) => (v === big ? 'mine clone, same value' : 'mine clone, other value') };";

  it('runs its own cloneDeep: a local const, a parameter, a reassigned require, a global, shadowed imports, beside lodash itself', () => {
    expectAlike({
      'main.js': `${big}
${mine}
let _ = require('lodash');
console.log(typeof _.cloneDeep(big), _.cloneDeep(big) === big);
{ const _ = mine; console.log(_.cloneDeep(big), _.clone(big)); }
function param(_) { return _.cloneDeep(big) + ' / ' + _.clone(big); }
console.log(param(mine));
try { throw mine; } catch (_) { console.log(_.cloneDeep(big)); }
for (const _ of [mine]) console.log(_.cloneDeep(big));
_ = mine;
console.log(_.cloneDeep(big), _.clone(big));
require('./global.js');
import('./imports.mjs').catch((e) => console.log('import failed', e.message));
`,
      'global.js': `${big}
globalThis._ = { clone: (v) => (v === big ? 'global clone' : 'other'), cloneDeep: (v) => (v === big ? 'global cloneDeep' : 'other') };
console.log(_.clone(big), _.cloneDeep(big));
`,
      'imports.mjs': `${big}
${mine}
import _ from 'lodash';
import cloneDeep from 'lodash/cloneDeep.js';
console.log(typeof _.cloneDeep(big), typeof cloneDeep(big));
{ const _ = mine; const cloneDeep = mine.cloneDeep; console.log(_.cloneDeep(big), cloneDeep(big)); }
const shadow = (_, { cloneDeep }) => _.cloneDeep(big) + ' / ' + cloneDeep(big);
console.log(shadow(mine, mine));
`,
    });
  });
});
