/**
 * `npm run bench:startup`: what an instrumented process costs to start, beside plain node, medians
 * of interleaved rounds. Each program lives in a project of its own in a temporary folder, so its
 * transform cache (instrument/transform-cache.ts) starts empty: the first round is the cold one.
 *
 * - one process: a small module with a copy, run with cowlens's preload and a run's environment,
 *   as `cowlens report` starts each process (the CLI's own start is not in it);
 * - the same through `cowlens report`, as a user runs it;
 * - 8 child processes started one after the other by a program, and `node --test` over 8 files,
 *   through `cowlens report`.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
// The built code, as the CLI runs it: these name the preload and the cache folder by their own place.
import { nodeOptionsWithCowlens } from '../dist/run/node-options.js';
import { runConfigEnv } from '../dist/instrument/hooks/run-config.js';
import { transformCacheFolder } from '../dist/run/transform-cache-folder.js';

const ROUNDS = 7;
const CLI = fileURLToPath(new URL('../bin/cowlens.js', import.meta.url));

const MODULE = `const base = { items: [1, 2, 3], name: 'n' }
const copy = { ...base, items: [...base.items] }
copy.items.push(4)
console.log(copy.items.length)
`;
const CHILDREN = `const { execFileSync } = require('node:child_process')
for (let i = 0; i < 8; i++) execFileSync(process.execPath, [require.resolve('./one.js')])
`;
const TEST_FILE = (i: number): string => `const test = require('node:test')
const assert = require('node:assert')
test('copy ${String(i)}', () => {
  const xs = [${String(i)}, 2, 3]
  assert.deepStrictEqual([...xs].reverse(), [3, 2, ${String(i)}])
})
`;

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cowlens-startup-'));
  writeFileSync(join(dir, 'package.json'), '{ "name": "startup", "private": true, "type": "commonjs" }\n');
  writeFileSync(join(dir, 'one.js'), MODULE);
  writeFileSync(join(dir, 'children.js'), CHILDREN);
  mkdirSync(join(dir, 'test'));
  for (let i = 0; i < 8; i++) writeFileSync(join(dir, 'test', `t${String(i)}.test.js`), TEST_FILE(i));
  return dir;
}

function seconds(command: readonly string[], cwd: string, env: NodeJS.ProcessEnv): number {
  const started = process.hrtime.bigint();
  const result = spawnSync(command[0]!, command.slice(1), { cwd, env: { ...process.env, NODE_OPTIONS: '', ...env }, encoding: 'utf8' });
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) throw new Error(`${command.join(' ')} failed (${String(result.status)}):\n${result.stderr}`);
  return elapsed;
}

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

interface Row {
  readonly name: string;
  readonly plain: () => number;
  readonly cowlens: () => number;
}

function measure(row: Row): { name: string; plain: number; cold: number; warm: number } {
  const cold = row.cowlens();
  const plain: number[] = [];
  const warm: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    plain.push(row.plain());
    warm.push(row.cowlens());
  }
  return { name: row.name, plain: median(plain), cold, warm: median(warm) };
}

const dir = project();
const spool = mkdtempSync(join(tmpdir(), 'cowlens-startup-spool-'));
const processEnv = {
  ...runConfigEnv({ spool, mode: 'observe', root: dir, only: [], include: [], exclude: [], transformCache: transformCacheFolder(dir) }),
  NODE_OPTIONS: nodeOptionsWithCowlens(undefined),
};
const report = (command: readonly string[]): (() => number) => () => seconds([process.execPath, CLI, 'report', '-q', '--out', join(spool, 'report.json'), '--', ...command], dir, {});
const node = process.execPath;
const rows = [
  { name: 'one process (the preload, no CLI)', plain: () => seconds([node, 'one.js'], dir, {}), cowlens: () => seconds([node, 'one.js'], dir, processEnv) },
  { name: 'one process through cowlens report', plain: () => seconds([node, 'one.js'], dir, {}), cowlens: report([node, 'one.js']) },
  { name: '8 child processes', plain: () => seconds([node, 'children.js'], dir, {}), cowlens: report([node, 'children.js']) },
  { name: 'node --test over 8 files', plain: () => seconds([node, '--test', 'test/'], dir, {}), cowlens: report([node, '--test', 'test/']) },
].map(measure);

console.log(`cowlens start-up — Node ${process.version}, ${new Date().toISOString()}, medians of ${String(ROUNDS)} interleaved rounds (cold: the first run, empty cache)`);
console.log(`  ${'program'.padEnd(38)} ${'plain'.padStart(8)} ${'cold'.padStart(8)} ${'warm'.padStart(8)}   warm − plain   warm ÷ plain`);
for (const r of rows) {
  const ms = (s: number): string => `${(s * 1000).toFixed(0)} ms`.padStart(8);
  console.log(`  ${r.name.padEnd(38)} ${ms(r.plain)} ${ms(r.cold)} ${ms(r.warm)}   ${ms(r.warm - r.plain).padStart(12)}   ×${(r.warm / r.plain).toFixed(2)}`);
}
const [one, , children, nodeTest] = rows as [(typeof rows)[number], (typeof rows)[number], (typeof rows)[number], (typeof rows)[number]];
const targets: [string, boolean, string][] = [
  ['an instrumented process adds ≤ 100 ms warm', one.warm - one.plain <= 0.1, `${((one.warm - one.plain) * 1000).toFixed(0)} ms`],
  ['aim: ≤ 50 ms', one.warm - one.plain <= 0.05, `${((one.warm - one.plain) * 1000).toFixed(0)} ms`],
  ['8 child processes ≤ 1.5 s', children.warm <= 1.5, `${children.warm.toFixed(2)} s (plain ${children.plain.toFixed(2)} s)`],
  ['node --test over 8 files ≤ 1.5× plain warm', nodeTest.warm / nodeTest.plain <= 1.5, `×${(nodeTest.warm / nodeTest.plain).toFixed(2)}`],
];
console.log('\nTargets');
for (const [name, met, figure] of targets) console.log(`  ${met ? 'met    ' : 'NOT met'}  ${name.padEnd(44)} ${figure}`);
