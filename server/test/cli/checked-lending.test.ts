/**
 * Issue 13, item 6: lending is checked, not assumed. A package call that does not write what it
 * was handed materializes nothing and makes no later copy eager, in cow mode and in observe mode's
 * prediction; one that writes it, or returns a thenable, keeps the views right and is counted; a
 * package that keeps a value and writes it after its call returned is a hazard.
 */
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SiteReport } from '../../src/report/model.js';
import { plainNode, REPO, reportOf } from './run-cowlens.js';

const HELPER = `let kept;
exports.bump = (o) => { o.k0 += 1; };
exports.keep = (value) => { kept = value; };
exports.write = (value) => { kept.k0 = value; };
exports.save = (o) => new Promise((resolve) => setTimeout(() => { o.id = 7; resolve(o); }, 300));
`;

const CONFIG = `const _ = require('lodash');
const config = {};
for (let i = 0; i < 3600; i++) config['k' + i] = { id: i, name: 'entry ' + i, tags: ['a', 'b'], nested: { on: i % 2 === 0 } };
`;

const PROGRAMS = {
  /** The program: every snapshot is handed to `_.isEqual` with its source, then the source to `_.size`. */
  lend: `${CONFIG}const kept = [];
const results = [];
for (let i = 0; i < 40; i++) {
  kept.push(structuredClone(config));
  results.push(_.isEqual(kept[i], config));
}
const sizes = [];
sizes.push(_.size(config));
console.log(results.every(Boolean), sizes[0]);
`,
  /** The package reads only the source, never a snapshot, so that no view is read in full. */
  source: `${CONFIG}const twin = JSON.parse(JSON.stringify(config));
const kept = [];
const results = [];
for (let i = 0; i < 40; i++) {
  kept.push(structuredClone(config));
  results.push(_.isEqual(config, twin), _.cloneDeep(config).k1.id);
}
console.log(results.length, kept[39].k7.name);
`,
  writes: `const helper = require('helper');
const state = {};
for (let i = 0; i < 100; i++) state['k' + i] = i;
const snapshot = { ...state };
const done = [];
done.push(helper.bump(state));
console.log(snapshot.k0, state.k0, { ...state }.k0);
`,
  keeps: `const helper = require('helper');
const o = {};
for (let i = 0; i < 100; i++) o['k' + i] = i;
const passed = [];
passed.push(helper.keep(o));
const copy = { ...o };
console.log(copy.k1);
helper.write('changed');
console.log(copy.k1);
`,
  thenable: `const helper = require('helper');
const o = {};
for (let i = 0; i < 100; i++) o['k' + i] = i;
const before = structuredClone(o);
const saving = [];
saving.push(helper.save(o));
saving[0].then(() => setTimeout(() => console.log(before.id, o.id, before.k1), 200));
`,
};

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cowlens-lending-'));
  mkdirSync(join(dir, 'node_modules/helper'), { recursive: true });
  writeFileSync(join(dir, 'node_modules/helper/index.js'), HELPER);
  writeFileSync(join(dir, 'node_modules/helper/package.json'), '{ "name": "helper", "version": "1.0.0" }');
  symlinkSync(join(REPO, 'node_modules/lodash'), join(dir, 'node_modules/lodash'), 'dir');
  for (const [name, code] of Object.entries(PROGRAMS)) writeFileSync(join(dir, `${name}.js`), code);
  return dir;
}

const dir = project();

function run(name: keyof typeof PROGRAMS, mode: 'observe' | 'cow') {
  const plain = plainNode([`${name}.js`], { cwd: dir });
  expect(plain.status).toBe(0);
  const result = reportOf(['node', `${name}.js`], { mode, cwd: dir });
  expect(result.stdout).toBe(plain.stdout);
  const site = (line: number): SiteReport => result.report.sites.find((s) => s.file === `${name}.js` && s.line === line)!;
  return { report: result.report, site };
}

describe('a package call that reads what it was lent', () => {
  it('materializes nothing and makes no copy eager: _.isEqual of each snapshot and its source, in cow mode', () => {
    const clone = run('lend', 'cow').site(7);
    expect(clone).toMatchObject({ executions: 40, materialized: 0, eager: 0 });
    expect(clone.bytesSaved).toBeGreaterThan(0);
  });

  it('is predicted so in observe mode', () => {
    expect(run('lend', 'observe').site(7)).toMatchObject({ executions: 40, materialized: 0, eager: 0 });
  });

  it('_.isEqual and _.cloneDeep of the source keep every snapshot shared, and observe predicts the saving within 20%', { timeout: 120_000 }, () => {
    const cow = run('source', 'cow').site(8);
    const observe = run('source', 'observe').site(8);
    expect(cow).toMatchObject({ executions: 40, materialized: 0, eager: 0 });
    expect(observe).toMatchObject({ executions: 40, materialized: 0, eager: 0 });
    expect(cow.bytesSaved).toBeGreaterThan(0);
    expect(Math.abs(observe.bytesSaved - cow.bytesSaved)).toBeLessThanOrEqual(0.2 * cow.bytesSaved);
  });
});

describe('a package call that writes what it was lent', () => {
  it('keeps the copies as they were and counts the write where the value was lent, in both modes', () => {
    for (const mode of ['cow', 'observe'] as const) {
      const snapshot = run('writes', mode).site(4);
      expect(snapshot.materialized, mode).toBe(1);
      expect(snapshot.copyPoints, mode).toEqual([expect.objectContaining({ line: 6 })]);
    }
  });

  it('returning a thenable keeps its images: a write after it settles does not show in the copies made before', () => {
    const { report, site } = run('thenable', 'cow');
    expect(report.hazards).toEqual([]);
    expect(site(4).materialized).toBe(1);
  });
});

describe('a package that keeps what it was lent and writes it after its call returned', () => {
  it('is a hazard at the copy made since, as any write cowlens does not see', () => {
    const plain = plainNode(['keeps.js'], { cwd: dir });
    const { report } = reportOf(['node', 'keeps.js'], { mode: 'cow', cwd: dir });
    expect(plain.stdout).toBe('1\n1\n');
    expect(report.hazards).toEqual([expect.objectContaining({ file: basename('keeps.js'), line: 6, kind: 'uninstrumented-write' })]);
  });
});
