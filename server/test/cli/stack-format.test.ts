/**
 * Stack traces under cowlens read as plain Node prints them (issue 11, item 6): cowlens adds no
 * `--enable-source-maps`, and a module it instruments carries its source map only where Node would
 * apply one to the file as written. Programs in test-fixtures/stack-format (see its README) run
 * plain and under `cowlens report --quiet`, which adds nothing to their output; cowlens keeps
 * every line where it is, so only the columns on the lines it edits may differ.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { instrumentSource } from '../../src/instrument/instrument-source.js';
import { freshJestCache } from './jest-suites.js';
import { type CliRun, plainNode, REPO, reportOf } from './run-cowlens.js';

const DIR = join(REPO, 'test-fixtures/stack-format');
const MODES = ['observe', 'cow'] as const;
const USER_MAPS = { NODE_OPTIONS: '--enable-source-maps' };

/** The run's status and the program's own output (the report is checked against its schema, and left out). */
function underCowlens(command: readonly string[], mode: 'observe' | 'cow', env?: NodeJS.ProcessEnv, cwd = DIR): CliRun {
  const { status, stdout, stderr } = reportOf(command, { mode, cwd, extra: ['--quiet'], ...(env === undefined ? {} : { env }) });
  return { status, stdout, stderr };
}

/** The lines cowlens edits in `file` (1-based), with their instrumented text. */
function editedLines(file: string): Map<number, string> {
  const text = readFileSync(file, 'utf8').split('\n');
  const code = instrumentSource(file, text.join('\n')).code.split('\n');
  const edited = new Map<number, string>();
  text.forEach((line, i) => {
    if (code[i] !== line) edited.set(i + 1, code[i]!);
  });
  return edited;
}

function escaped(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `output` with the column of every place in `file` on an edited line replaced by `*`. */
function editedColumnsMasked(output: string, file: string, edited: ReadonlyMap<number, string>): string {
  const place = new RegExp(`((?:${escaped(pathToFileURL(file).href)}|${escaped(file)}):(\\d+):)\\d+`, 'g');
  return output.replace(place, (whole, prefix: string, line: string) => (edited.has(Number(line)) ? `${prefix}*` : whole));
}

/** What Node prints above an uncaught error: `file:line`, that line's text, a caret under the place. */
function uncaughtHeader(stderr: string): { location: string; source: string; caret: number; rest: string } {
  const [location = '', source = '', caret = '', ...rest] = stderr.split('\n');
  expect(caret.trim()).toBe('^');
  return { location, source, caret: caret.indexOf('^'), rest: rest.join('\n') };
}

/** The word (or the one character) that starts at `index` of `line`. */
function tokenAt(line: string, index: number): string {
  return /^[\w$]+|^\S/.exec(line.slice(index))?.[0] ?? '';
}

describe('stack traces under cowlens read as plain Node prints them', () => {
  const unedited = plainNode(['uncaught-unedited.mjs'], { cwd: DIR });
  const edited = plainNode(['uncaught-edited.mjs'], { cwd: DIR });
  const editedFile = join(DIR, 'uncaught-edited.mjs');

  for (const mode of MODES) {
    it(`${mode}: an uncaught error thrown from a line cowlens leaves as it is: standard output and error byte-identical, header and frames included`, () => {
      expect(unedited.status).toBe(1);
      expect(unedited.stderr).toMatch(/^file:\/\/.*uncaught-unedited\.mjs:6\n {2}throw new RangeError/);
      const run = underCowlens(['node', 'uncaught-unedited.mjs'], mode);
      expect({ status: run.status, stdout: run.stdout, stderr: run.stderr }).toEqual(unedited);
      expect([...editedLines(join(DIR, 'uncaught-unedited.mjs')).keys()]).toEqual([3]);
    });

    it(`${mode}: errors raised on lines cowlens edits differ from plain only in their columns`, () => {
      const lines = editedLines(editedFile);
      expect([...lines.keys()]).toEqual([5, 10]);
      const run = underCowlens(['node', 'uncaught-edited.mjs'], mode);
      expect(run.status).toBe(edited.status);
      expect(editedColumnsMasked(run.stdout, editedFile, lines)).toBe(editedColumnsMasked(edited.stdout, editedFile, lines));
      // The header quotes the line as V8 compiled it, so the instrumented text, with the caret
      // under the same token of it.
      const [want, got] = [uncaughtHeader(edited.stderr), uncaughtHeader(run.stderr)];
      expect(got.location).toBe(want.location);
      expect(want.source).toBe(readFileSync(editedFile, 'utf8').split('\n')[9]);
      expect(got.source).toBe(lines.get(10));
      expect(tokenAt(got.source, got.caret)).toBe(tokenAt(want.source, want.caret));
      expect(tokenAt(want.source, want.caret)).toBe('new');
      expect(editedColumnsMasked(got.rest, editedFile, lines)).toBe(editedColumnsMasked(want.rest, editedFile, lines));
    });
  }

  it("stack-frames.js: frames keep plain Node's format, with or without the user's --enable-source-maps", () => {
    const cwd = join(REPO, 'test-fixtures/real-code-styles');
    const file = join(cwd, 'stack-frames.js');
    const lines = editedLines(file);
    for (const env of [undefined, USER_MAPS]) {
      const plain = plainNode(['stack-frames.js'], { cwd, ...(env === undefined ? {} : { env }) });
      // Node 20 names the getter `get g [as g]`, later versions `get g`; a source map makes it `Object.get g`.
      expect(plain.stdout).toMatch(/ at get g (\[as g\] )?\(file:\/\//);
      for (const mode of MODES) {
        const run = underCowlens(['node', 'stack-frames.js'], mode, env, cwd);
        expect(run.stderr).toBe(plain.stderr);
        expect(editedColumnsMasked(run.stdout, file, lines)).toBe(editedColumnsMasked(plain.stdout, file, lines));
      }
    }
  });

  it("with the user's --enable-source-maps, an instrumented file that ships a source map maps through it as plainly", () => {
    for (const [command, env] of [
      [['mapped.mjs'], USER_MAPS],
      [['--enable-source-maps', 'mapped.mjs'], undefined],
    ] as const) {
      const plain = plainNode(command, { cwd: DIR, ...(env === undefined ? {} : { env }) });
      expect(plain.status).toBe(1);
      expect(plain.stderr).toMatch(/^\S+src\/format\.ts:8\n {2}const copy: Row = /);
      expect(plain.stdout).toContain(`RangeError: empty tag for row 7\n    at withTag (${join(DIR, 'src/format.ts')}:8:76)`);
      // A copy that fails in the runtime maps to the copy's start, where V8 points at its operand:
      // cowlens's map points a runtime call at the place it was inserted.
      const failedCopy = /(TypeError: row\.tags is not iterable\n {4}at withTag \(\S+src\/format\.ts:8:)\d+/;
      expect(plain.stdout).toMatch(failedCopy);
      for (const mode of MODES) {
        const run = underCowlens(['node', ...command], mode, env);
        expect({ status: run.status, stderr: run.stderr }).toEqual({ status: plain.status, stderr: plain.stderr });
        expect(run.stdout.replace(failedCopy, '$1*')).toBe(plain.stdout.replace(failedCopy, '$1*'));
      }
    }
  });

  it('a program that turns source maps on itself has the modules it loads afterwards mapped, as plainly', () => {
    const plain = plainNode(['maps-at-run-time.mjs'], { cwd: DIR });
    expect(plain.stdout).toContain(`at withTag (${join(DIR, 'src/format.ts')}:8:76)`);
    for (const mode of MODES) expect(underCowlens(['node', 'maps-at-run-time.mjs'], mode)).toEqual(plain);
  });

  it('a dependency that ships a source map prints its frames as plain Node does: unmapped unless the user turns source maps on', () => {
    for (const [env, frame] of [
      [undefined, 'node_modules/mapped-dep/index.js:3:15'],
      [USER_MAPS, 'node_modules/mapped-dep/src/index.ts:6:51'],
    ] as const) {
      const plain = plainNode(['dependency.mjs'], { cwd: DIR, ...(env === undefined ? {} : { env }) });
      expect(plain.stdout).toContain(frame);
      for (const mode of MODES) expect(underCowlens(['node', 'dependency.mjs'], mode, env)).toEqual(plain);
    }
  });

  it("the program sees the execArgv and source-map switch it would see plainly, and NODE_OPTIONS with the preload's --require first", () => {
    const preload = /^--require="\/\S+\/server\/dist\/instrument\/hooks\/preload\.cjs"/;
    for (const [args, env] of [
      [[], undefined],
      [['--enable-source-maps'], undefined],
      [[], { NODE_OPTIONS: '--enable-source-maps --no-warnings' }],
    ] as const) {
      const plain = JSON.parse(plainNode([...args, 'environment.mjs'], { cwd: DIR, ...(env === undefined ? {} : { env }) }).stdout) as Record<string, unknown>;
      const run = JSON.parse(underCowlens(['node', ...args, 'environment.mjs'], 'observe', env).stdout) as Record<string, unknown>;
      expect({ ...run, NODE_OPTIONS: null }).toEqual({ ...plain, NODE_OPTIONS: null });
      expect(run.NODE_OPTIONS).toMatch(preload);
      expect(String(run.NODE_OPTIONS).replace(preload, '').trim()).toBe(env?.NODE_OPTIONS ?? '');
    }
  });

  it('TypeScript that cowlens transpiles turns source maps on before it runs, and not before, so its frames point into the .ts', () => {
    const run = underCowlens(['node', 'transpiled.mjs'], 'observe');
    expect(run.stdout.split('\n')).toEqual(['before false', 'after true', 'Error: no tags', `    at firstTag (${join(DIR, 'tags.ts')}:5:32)`, `    at ${pathToFileURL(join(DIR, 'transpiled.mjs')).href}:6:3`, '']);
  });

  it("ts-jest's compiled calls (`(0, m.produce)({})`): jest's frames and code frames as plain, columns included, on lines cowlens edits too", () => {
    // cowlens's map composed under ts-jest's must keep every column ts-jest's points at: the `(` of a call, past an edit on its line.
    const cwd = join(DIR, 'ts-jest');
    const env = { COWLENS_FIXTURE_FAIL: '1', NO_COLOR: '1', FORCE_COLOR: '0' };
    const jest = (): string[] => [join(REPO, 'node_modules/jest/bin/jest.js'), '--ci', ...freshJestCache()];
    const timeless = (output: string): string => output.replace(/ \(\d+(\.\d+)? m?s\)$/gm, '').replace(/^Time: .*$/m, 'Time:');
    const plain = plainNode(jest(), { cwd, env });
    const frames = plain.stdout + plain.stderr;
    for (const place of ['5:23', '10:50', '15:45']) expect(frames).toContain(`at Object.<anonymous> (produce.test.ts:${place})`);
    for (const mode of MODES) {
      const run = underCowlens(['node', ...jest()], mode, env, cwd);
      expect(run.status, mode).toBe(plain.status);
      expect(timeless(run.stdout), mode).toBe(timeless(plain.stdout));
      expect(timeless(run.stderr), mode).toBe(timeless(plain.stderr));
    }
  });

  it("an instrumented module carries cowlens's source map only where Node or a debugger reads it", () => {
    const mapsOf = (run: CliRun): unknown => JSON.parse(run.stdout.split(' ')[0]!);
    const asWritten = { 'copies.mjs': '', 'debugger.mjs': '', 'format.js': 'format.js.map' };
    expect(mapsOf(plainNode(['debugger.mjs'], { cwd: DIR }))).toEqual(asWritten);
    expect(mapsOf(plainNode(['debugger.mjs'], { cwd: DIR, env: USER_MAPS }))).toEqual(asWritten);
    expect(mapsOf(underCowlens(['node', 'debugger.mjs'], 'observe'))).toEqual(asWritten);
    // Node applies a map to format.js, so cowlens's leads through it; copies.mjs has none to apply.
    expect(mapsOf(underCowlens(['node', 'debugger.mjs'], 'observe', USER_MAPS))).toEqual({ ...asWritten, 'format.js': 'data:' });
    // A debugger compares a module without a map with the file on disk.
    expect(mapsOf(underCowlens(['node', '--inspect=0', 'debugger.mjs'], 'observe'))).toEqual({ 'copies.mjs': 'data:', 'debugger.mjs': 'data:', 'format.js': 'data:' });
  });
});
