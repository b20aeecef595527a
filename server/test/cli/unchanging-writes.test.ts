/**
 * Issue 15, item 2: a call that changes nothing (deleting a missing key, `set` of the value a key
 * holds, `add` of a present member, `clear` of an empty collection) is no write, nor is `delete` of
 * a missing property. A program copies a Set, a Map and an object 50 times, makes 17 such writes
 * after each copy, through every form the instrumenter writes (a constant receiver, a receiver read
 * from an object, `call` of the built-in, WeakMap and WeakSet, `delete`), then writes each source
 * once. Only those three writes are copy points, and they alone materialize the copies; plain,
 * observe and cow print the same.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { plainNode, reportOf } from './run-cowlens.js';

const PROGRAM = `const lowStock = new Set();
const prices = new Map();
const meta = {};
for (let i = 0; i < 100; i++) { lowStock.add('s' + i); prices.set('s' + i, i); meta['s' + i] = i; }
const store = { lowStock, prices, meta, empty: new Map() };
const weak = new WeakMap(), weakSet = new WeakSet(), key = {};
weak.set(key, 1); weakSet.add(key);
const snapshots = [];
const unchanged = [];
function nothingChanges(sku, missing, price) {
  unchanged.push(lowStock.delete(missing), lowStock.add(sku) === lowStock, prices.set(sku, price) === prices, prices.delete(missing));
  unchanged.push(store.lowStock.delete(missing), store.lowStock.add(sku) === lowStock, store.prices.set(sku, price) === prices, store.empty.clear());
  unchanged.push(Set.prototype.delete.call(lowStock, missing), Map.prototype.set.call(prices, sku, price) === prices);
  unchanged.push(weak.delete({}), weak.set(key, 1) === weak, weakSet.add(key) === weakSet, weakSet.delete(missing));
  unchanged.push(delete meta[missing], delete meta.gone, delete store.meta.gone);
}
for (let r = 0; r < 50; r++) {
  snapshots.push([new Set(lowStock), new Map(prices), { ...meta }]);
  nothingChanges('s' + r, 'gone' + r, r);
}
lowStock.delete('s1'); // the Set's copy point
prices.set('s0', -0); // the Map's copy point: -0 is not the +0 it held
delete meta.s2; // the object's copy point
// Copies of what the sources hold now: calls on them that change nothing leave them shared.
const own = { map: new Map(prices), set: new Set(lowStock) };
for (let r = 2; r <= 50; r++) {
  const sku = 's' + r;
  unchanged.push(own.map.set(sku, r) === own.map, own.map.delete('gone'), own.set.add(sku) === own.set, own.set.delete('gone'));
}
const [lows, prices0, meta0] = snapshots[0];
const count = (value) => unchanged.filter((v) => v === value).length;
console.log(unchanged.length, count(true), count(false), count(undefined));
console.log(lows.size, lows.has('s1'), lowStock.size, Object.is(prices0.get('s0'), 0), Object.is(prices.get('s0'), -0), own.map.size, own.set.size, 's2' in meta0, 's2' in meta);
`;

const lineOf = (text: string): number => PROGRAM.split('\n').findIndex((line) => line.startsWith(text)) + 1;

describe('writes that change nothing are none', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cowlens-unchanging-'));
  const file = join(dir, 'store.js');
  writeFileSync(file, PROGRAM);
  const plain = plainNode([file], { cwd: dir });

  for (const mode of ['observe', 'cow'] as const) {
    it(`${mode} mode: only the three real writes are copy points, and the program prints what plain node prints`, () => {
      expect(plain.status).toBe(0);
      const run = reportOf(['node', file], { mode, cwd: dir });
      expect(run.status).toBe(0);
      expect(run.stdout).toBe(plain.stdout);
      expect(plain.stdout).toBe('1046 598 398 50\n100 true 99 true true 100 99 true false\n');
      expect(run.report.hazards).toEqual([]);
      const sites = Object.fromEntries(run.report.sites.map((s) => [`${s.kind}@${String(s.line)}`, s]));
      const snapshotLine = lineOf('  snapshots.push');
      const ownLine = lineOf('const own');
      const expected = [`map-copy@${String(ownLine)}`, `map-copy@${String(snapshotLine)}`, `object-spread@${String(snapshotLine)}`, `set-copy@${String(ownLine)}`, `set-copy@${String(snapshotLine)}`];
      expect(Object.keys(sites).sort()).toEqual(expected.sort());
      for (const kind of ['map-copy', 'set-copy']) {
        const site = sites[`${kind}@${String(ownLine)}`]!;
        expect([site.executions, site.materialized, site.copyPoints]).toEqual([1, 0, []]);
      }
      for (const [kind, point] of [
        ['set-copy', lineOf("lowStock.delete('s1')")],
        ['map-copy', lineOf("prices.set('s0', -0)")],
        ['object-spread', lineOf('delete meta.s2')],
      ] as const) {
        const site = sites[`${kind}@${String(snapshotLine)}`]!;
        expect(site.executions).toBe(50);
        // All 50 copies still shared their source when it was written, at that one line.
        expect(site.materialized).toBe(50);
        expect(site.copyPoints.map((p) => [p.line, p.count])).toEqual([[point, 1]]);
        expect(site.bytesSaved).toBeGreaterThan(0);
      }
    });
  }
});
