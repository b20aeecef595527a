/**
 * Programs in the styles real code is written in (test-fixtures/real-code-styles), each of which
 * an earlier instrumenter broke: run plain, in observe mode and in cow mode, they must print the
 * same and exit the same, and cowlens must really have instrumented them.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { plainNode, REPO, reportOf } from './run-cowlens.js';

const DIR = join(REPO, 'test-fixtures/real-code-styles');

const PROGRAMS: Record<string, string> = {
  'no-semicolons.js': 'a write or a copy at the start of a line does not join the line before',
  'ended-by-line-breaks.js': 'a statement whose line ends it (after an increment, a bare yield) stays ended where a write closes it',
  'directive-no-semicolon.js': "a 'use strict' with no semicolon stays a directive",
  'pragmas.js': 'a hashbang, a directive, a pragma comment and a last line that is a comment stay as written',
  'chained.js': 'sites chained after sites and nested in sites each keep their receiver',
  'shadowed-names.mjs': 'names bound by the program (an import, a parameter, a catch binding, a block, a hoisted var) are not the built-ins',
  'global-this.mjs': 'a module that binds globalThis, Symbol and Error still reaches the runtime',
  'assign-aliases.js': 'aliases of Object.assign copy and write like Object.assign',
  'eval-writers.js': "with a direct eval in the file, Reflect.set, Object.defineProperty and Object.assign still reach the runtime",
  'error-messages.js': "a copy that fails for its operand fails with V8's own message, naming the operand as written",
};

describe('real code styles run as written', () => {
  for (const [program, what] of Object.entries(PROGRAMS)) {
    const plain = plainNode([program], { cwd: DIR });
    for (const mode of ['observe', 'cow'] as const) {
      it(`${mode}: ${program}: ${what}`, () => {
        const run = reportOf(['node', program], { mode, cwd: DIR });
        expect(plain.status).toBe(0);
        expect({ status: run.status, stdout: run.stdout }).toEqual({ status: plain.status, stdout: plain.stdout });
        expect(run.report.complete).toBe(true);
        expect(run.report.sites.length + run.report.sites.reduce((n, s) => n + s.copyPoints.length, 0)).toBeGreaterThan(0);
      });
    }
  }

  it("errors raised while cowlens copies show none of cowlens's frames", () => {
    const plain = plainNode(['stack-frames.js'], { cwd: DIR });
    const frames = (out: string): string[][] => out.trim().split('\n').map((line) => line.split(' | '));
    for (const mode of ['observe', 'cow'] as const) {
      const run = reportOf(['node', 'stack-frames.js'], { mode, cwd: DIR });
      const [want, got] = [frames(plain.stdout), frames(run.stdout)];
      expect(got.map((stack) => stack.length)).toEqual(want.map((stack) => stack.length));
      // The message and the frame the error was raised in are the program's own, every line of them.
      expect(got.map((stack) => stack[0])).toEqual(want.map((stack) => stack[0]));
      expect(run.stdout).not.toMatch(/cowlens|[\\/]server[\\/](src|dist)[\\/]/);
    }
  });

  it('shadowed names are not sites, and the aliases of Object.assign are', () => {
    const shadowed = reportOf(['node', 'shadowed-names.mjs'], { cwd: DIR });
    expect(shadowed.report.sites.map((s) => [s.line, s.kind])).toEqual([[19, 'array-slice']]);
    const aliases = reportOf(['node', 'assign-aliases.js'], { cwd: DIR });
    expect(aliases.report.sites.map((s) => [s.line, s.kind, s.executions])).toEqual([
      [4, 'object-assign', 1],
      [6, 'object-assign', 1],
    ]);
    // The first copy is written (line 5); the second only through its source, by the alias (line 7).
    const points = aliases.report.sites.flatMap((s) => s.copyPoints.map((p) => `${s.line}<-${p.line}`)).sort();
    expect(points).toEqual(['4<-5', '6<-7']);
  });

  // Plain Node 20 cannot run TypeScript: the output is the one tsx and Node 22's own type stripping give.
  it('TypeScript without semicolons: a write kept as written for the type-checker never joins the line before', () => {
    for (const mode of ['observe', 'cow'] as const) {
      const run = reportOf(['node', 'kept-writes-no-semicolons.ts'], { mode, cwd: DIR });
      expect({ mode, status: run.status, stdout: run.stdout }).toEqual({ mode, status: 0, stdout: '[ <1 empty item> ] { n: 2 }\n' });
    }
  });

  it('TypeScript without semicolons: a statement that ends in a type stays ended where a write or a copy closes it', () => {
    const stdout = '[ 1, 2 ] [ 3 ] { k: [ 1, 2 ], s: [ 3 ], c: true, t: [ 1, 2, 3 ] } { k: [ 1, 2 ], s: [ 3 ], c: true, t: [ 1, 2, 3 ] }\n';
    for (const mode of ['observe', 'cow'] as const) {
      const run = reportOf(['node', 'ended-by-types-no-semicolons.ts'], { mode, cwd: DIR });
      expect({ mode, status: run.status, stdout: run.stdout }).toEqual({ mode, status: 0, stdout });
      expect(run.report.sites.map((s) => s.kind).sort()).toEqual(['array-concat', 'array-slice', 'array-spread', 'object-spread']);
    }
  });
});
