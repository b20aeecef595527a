/**
 * The transform cache (instrument/transform-cache.ts): a run keeps each module it instrumented in
 * the project's node_modules/.cache/cowlens, the next run takes it from there, and nothing the
 * cache holds (or fails to hold) changes what the program does.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, utimesSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { plainNode, reportOf } from './run-cowlens.js';

const MAIN = `const lib = require('./lib.js')
const xs = [1, 2, 3]
const copy = [...xs]
copy.push(lib.extra)
console.log('main', xs.length, copy.length)
import('./more.mjs').then((m) => console.log(m.describe({ a: 1 })))
`;
const LIB = `exports.extra = Object.assign({}, { n: 4 }).n
`;
const MORE = `export function describe(o) {
  const c = { ...o, b: 2 }
  return 'more ' + JSON.stringify(c)
}
`;

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cowlens-cache-'));
  writeFileSync(join(dir, 'package.json'), '{ "name": "cache-test", "private": true }\n');
  writeFileSync(join(dir, 'main.js'), MAIN);
  writeFileSync(join(dir, 'lib.js'), LIB);
  writeFileSync(join(dir, 'more.mjs'), MORE);
  return dir;
}

const cacheBase = (dir: string): string => join(dir, 'node_modules/.cache/cowlens');

function entries(dir: string): string[] {
  const base = cacheBase(dir);
  return readdirSync(base).flatMap((build) => readdirSync(join(base, build)).map((name) => join(base, build, name)));
}

/** The entries that hold a module's code; the others say whether a file of undecided format is an ES module. */
function moduleEntries(dir: string): string[] {
  return entries(dir).filter((path) => {
    try {
      return typeof (JSON.parse(readFileSync(path, 'utf8')) as { code?: unknown }).code === 'string';
    } catch {
      return false;
    }
  });
}

function run(dir: string, extra: readonly string[] = []): ReturnType<typeof reportOf> {
  return reportOf(['node', 'main.js'], { cwd: dir, extra });
}

describe('transform cache', () => {
  it('keeps what a run instrumented, and the next run prints and counts the same from it', () => {
    const dir = project();
    const plain = plainNode(['main.js'], { cwd: dir });
    const first = run(dir);
    expect(first.stdout).toBe(plain.stdout);
    // One entry a module: main.js and lib.js through require, more.mjs through the ES module hooks.
    // None says main.js's format: the entry is loaded by Node's CommonJS loader, which does not ask.
    expect(moduleEntries(dir)).toHaveLength(3);
    expect(entries(dir)).toHaveLength(3);
    const second = run(dir);
    expect(second.stdout).toBe(plain.stdout);
    const figures = (r: typeof first): unknown => r.report.sites.map((s) => [s.file, s.line, s.kind, s.executions, s.bytesCopied]);
    expect(figures(second)).toEqual(figures(first));
    expect(figures(first)).toHaveLength(3);
  });

  it("a module missing from it starts the transform worker unheard: a program's 'worker' listener hears of no thread, as in a plain run", () => {
    const dir = project();
    // A module of new text each run, required once the listener listens; the entry itself is cached after the first run.
    writeFileSync(
      join(dir, 'worker-events.js'),
      `const lib = require('path').join(__dirname, 'fresh.js');
require('fs').writeFileSync(lib, 'module.exports = [...[1, 2]].length // ' + process.pid + '\\n');
const started = [];
process.on('worker', (worker) => started.push(worker.threadId));
console.log(require(lib));
setImmediate(() => console.log('threads started:', started.length));
`,
    );
    const plain = plainNode(['worker-events.js'], { cwd: dir });
    expect(plain.stdout).toBe('2\nthreads started: 0\n');
    reportOf(['node', 'worker-events.js'], { cwd: dir });
    const warm = reportOf(['node', 'worker-events.js'], { cwd: dir });
    expect({ status: warm.status, stdout: warm.stdout }).toEqual({ status: plain.status, stdout: plain.stdout });
    expect(warm.report.sites.map((s) => s.file)).toContain('fresh.js');
  });

  it('is what the next run executes: an entry changed on disk is what runs', () => {
    const dir = project();
    run(dir);
    for (const path of moduleEntries(dir)) {
      const entry = JSON.parse(readFileSync(path, 'utf8')) as { code: string };
      writeFileSync(path, JSON.stringify({ ...entry, code: `console.log('from the cache');\n${entry.code}` }));
    }
    expect(run(dir).stdout.match(/from the cache/g)).toHaveLength(3);
  });

  it('is not used for a file whose text changed since', () => {
    const dir = project();
    run(dir);
    writeFileSync(join(dir, 'lib.js'), LIB.replace('n: 4', 'n: 5'));
    const after = run(dir);
    expect(after.stdout).toBe(plainNode(['main.js'], { cwd: dir }).stdout);
    expect(after.stdout).toContain('main 3 4');
    expect(moduleEntries(dir)).toHaveLength(4);
  });

  it('takes an entry it cannot read for a miss, and writes it again', () => {
    const dir = project();
    run(dir);
    for (const path of entries(dir)) writeFileSync(path, '{"code": 12');
    const after = run(dir);
    expect(after.stdout).toBe(plainNode(['main.js'], { cwd: dir }).stdout);
    expect(after.report.sites).toHaveLength(3);
    expect(moduleEntries(dir)).toHaveLength(3);
    expect(entries(dir)).toHaveLength(3);
  });

  it("a project whose node_modules/.cache is a file runs as without the cache folder it cannot make", () => {
    const dir = project();
    mkdirSync(join(dir, 'node_modules'));
    writeFileSync(join(dir, 'node_modules/.cache'), 'not a folder');
    const result = run(dir);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toBe(plainNode(['main.js'], { cwd: dir }).stdout);
    expect(result.report.sites).toHaveLength(3);
  });

  it('--no-transform-cache keeps nothing', () => {
    const dir = project();
    const off = run(dir, ['--no-transform-cache']);
    expect(off.stdout).toBe(plainNode(['main.js'], { cwd: dir }).stdout);
    expect(off.report.sites).toHaveLength(3);
    expect(existsSync(cacheBase(dir))).toBe(false);
  });

  it("removes other builds' folders unused for a day, and nothing else", () => {
    const dir = project();
    const base = cacheBase(dir);
    const stale = join(base, 'build-0123456789abcdef');
    const recent = join(base, 'build-fedcba9876543210');
    const foreign = join(base, 'notes');
    for (const folder of [stale, recent, foreign]) mkdirSync(folder, { recursive: true });
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 60 * 60 * 1000);
    utimesSync(stale, twoDaysAgo, twoDaysAgo);
    utimesSync(foreign, twoDaysAgo, twoDaysAgo);
    run(dir);
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(recent)).toBe(true);
    expect(existsSync(foreign)).toBe(true);
    expect(readdirSync(base).filter((name) => name.startsWith('build-'))).toHaveLength(2);
  });
});
