/**
 * Issue 14, item 7: a package (in node_modules, so not instrumented) that keeps a value and writes
 * it later. Cow mode keeps the copies made before a call as they were, whatever the package writes
 * in it; a write after the call returned, which cowlens does not see, is reported as a hazard when a
 * copy first reads it (issue 13, item 6: lending is checked, not assumed, so a call that returned
 * without writing makes no later copy eager); the digest that finds such writes tells apart every
 * two values plain JavaScript tells apart.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { plainNode, reportOf } from './run-cowlens.js';

const KEEPER = `let kept;
exports.keep = (value) => { kept = value; };
exports.keepIn = (box) => { kept = box.value; };
exports.write = (value) => { kept.k0 = value; };
exports.set = (value, v) => { value.k0 = v; };
exports.push = () => { kept.push('pushed'); };
exports.make = () => { kept = {}; for (let i = 0; i < 100; i++) kept['k' + i] = i; return kept; };
exports.store = { wrap: (value) => new Proxy(value, {}) };
`;

const HEAD = `const keeper = require('keeper');
const big = () => { const o = {}; for (let i = 0; i < 100; i++) o['k' + i] = i; return o; };
`;

/** Programs whose copies cow mode can keep right: it must print what plain node prints, with no hazard. */
const KEPT_RIGHT: Record<string, string> = {
  'a copy made before the value was handed to a package that writes it': `const o = big();
const copy = { ...o };
console.log(copy.k1);
keeper.set(o, 'changed');
console.log(copy.k0, o.k0);`,
  'a deep copy made before a part of the value was handed to a package that writes it': `const state = { inner: big() };
const before = structuredClone(state);
console.log(before.inner.k1);
keeper.set(state.inner, 'changed');
const after = structuredClone(state);
console.log(before.inner.k0, after.inner.k0, state.inner.k0);`,
};

/** Programs where the package writes what cow mode could not know it holds: the hazard is reported. */
const REPORTED: Record<string, string> = {
  'a copy made after the value was handed to the package, which returned without writing it': `const o = big();
keeper.keep(o);
const copy = { ...o };
console.log(copy.k1);
keeper.write('changed');
console.log(copy.k0, o.k0);`,
  'a deep copy made after a part of the value was handed over, beside one made before': `const state = { inner: big() };
const before = structuredClone(state);
console.log(before.inner.k1);
keeper.keep(state.inner);
const copy = structuredClone(state);
console.log(copy.inner.k1);
keeper.write('changed');
console.log(before.inner.k0, copy.inner.k0, state.inner.k0);`,
  'a value the package made, written after the copy was read': `const o = keeper.make();
const copy = { ...o };
console.log(copy.k1);
keeper.write('changed');
console.log(copy.k0);`,
  'a value handed over inside another, written after the copy was read': `const o = big();
const copy = { ...o };
console.log(copy.k1);
keeper.keepIn({ value: o });
keeper.write('changed');
console.log(copy.k0);`,
  'a number written that `v | 0` took for the old one': `const o = keeper.make();
o.k0 = 0;
const copy = { ...o };
keeper.write(2 ** 32);
console.log(copy.k0);`,
  'a value a package wrapped in a Proxy, reached other than through its binding, written through the Proxy after the copy was read': `const { store } = keeper;
const o = big();
const copy = { ...o };
console.log(copy.k1);
const p = store.wrap(o);
p.k0 = 'changed';
console.log(copy.k0);`,
  'minus zero written over zero': `const o = keeper.make();
o.k0 = 0;
const copy = { ...o };
keeper.write(-0);
console.log(copy.k0);`,
};

function project(programs: Record<string, string>): { dir: string; files: [string, string][] } {
  const dir = mkdtempSync(join(tmpdir(), 'cowlens-keeper-'));
  mkdirSync(join(dir, 'node_modules/keeper'), { recursive: true });
  writeFileSync(join(dir, 'node_modules/keeper/index.js'), KEEPER);
  writeFileSync(join(dir, 'node_modules/keeper/package.json'), '{ "name": "keeper", "version": "1.0.0" }');
  const files = Object.entries(programs).map(([name, body], i): [string, string] => {
    const file = join(dir, `p${String(i)}.js`);
    writeFileSync(file, HEAD + body);
    return [name, file];
  });
  return { dir, files };
}

describe('cow mode and a package that keeps a value and writes it later', () => {
  const right = project(KEPT_RIGHT);
  for (const [name, file] of right.files) {
    it(`${name}: the same output, no hazard`, () => {
      const plain = plainNode([file], { cwd: right.dir });
      expect(plain.status).toBe(0);
      const run = reportOf(['node', file], { mode: 'cow', cwd: right.dir });
      expect(run.stdout).toBe(plain.stdout);
      expect(run.report.hazards).toEqual([]);
    });
  }

  const reported = project(REPORTED);
  for (const [name, file] of reported.files) {
    it(`${name}: the hazard is reported at the copy site`, () => {
      const run = reportOf(['node', file], { mode: 'cow', cwd: reported.dir });
      expect(run.status).toBe(0);
      const copyLine = (HEAD + REPORTED[name]!).split('\n').findIndex((line) => line.startsWith('const copy')) + 1;
      expect(run.report.hazards).toEqual([expect.objectContaining({ file: basename(file), line: copyLine, kind: 'uninstrumented-write', count: 1 })]);
    });
  }
});
