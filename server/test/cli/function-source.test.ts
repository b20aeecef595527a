/**
 * The source of an instrumented function reads as written (issue 11): programs in
 * test-fixtures/function-source print the source of every form a function takes, with copy sites
 * and writes inside it, at its start or end, around it; run it elsewhere (a worker made from it,
 * `new Function`); and ask Function.prototype.toString itself what a program can ask of a built-in.
 * Plain, observe and cow must print the same bytes. A test file run by vitest and by jest, each
 * through its own module runner, does the same.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { plainNode, REPO, reportOf } from './run-cowlens.js';

const DIR = join(REPO, 'test-fixtures/function-source');
const RUNNERS = join(DIR, 'runners');
const MODES = ['observe', 'cow'] as const;

/** A runner (its script and arguments, run by node) over the runners' suite, and the sources its test file wrote. */
function sourcesOf(runner: readonly string[], mode: 'plain' | 'observe' | 'cow'): { status: number | null; sources: string; stderr: string } {
  const scratch = mkdtempSync(join(tmpdir(), 'cowlens-function-source-'));
  const env = { SOURCES_OUT: join(scratch, 'sources.txt') };
  const run = mode === 'plain' ? plainNode(runner, { cwd: RUNNERS, env }) : reportOf(['node', ...runner], { mode, cwd: RUNNERS, env });
  return { status: run.status, sources: readFileSync(env.SOURCES_OUT, 'utf8'), stderr: run.stderr };
}

const jest = (): string[] => [join(REPO, 'node_modules/jest/bin/jest.js'), '--cacheDirectory', mkdtempSync(join(tmpdir(), 'cowlens-jest-cache-'))];
const vitest = [join(REPO, 'node_modules/vitest/vitest.mjs'), 'run'];

describe('instrumented functions give their source as written', () => {
  const sources = plainNode(['print-sources.mjs'], { cwd: DIR });
  const likeness = plainNode(['native-likeness.cjs'], { cwd: DIR });

  for (const mode of MODES) {
    it(`${mode}: every form of function, in CommonJS and in an ES module, and run from its source in a worker and by new Function`, () => {
      expect(sources.status).toBe(0);
      const run = reportOf(['node', 'print-sources.mjs'], { mode, cwd: DIR });
      expect({ status: run.status, stdout: run.stdout }).toEqual({ status: sources.status, stdout: sources.stdout });
      // The functions were instrumented: sites of each module ran.
      expect([...new Set(run.report.sites.map((s) => basename(s.file)))].sort()).toEqual(['forms.cjs', 'forms.mjs', 'print-sources.mjs']);
      expect(run.stdout).not.toContain('__cl$');
    });

    it(`${mode}: Function.prototype.toString answers as the built-in does`, () => {
      expect(likeness.status).toBe(0);
      const run = reportOf(['node', 'native-likeness.cjs'], { mode, cwd: DIR });
      expect({ status: run.status, stdout: run.stdout }).toEqual({ status: likeness.status, stdout: likeness.stdout });
      expect(run.report.sites.length).toBeGreaterThan(0);
    });
  }

  it("vitest: a test file's functions give the source plain vitest gives, byte for byte", () => {
    const plain = sourcesOf(vitest, 'plain');
    expect(plain.status, plain.stderr).toBe(0);
    for (const mode of MODES) {
      const run = sourcesOf(vitest, mode);
      expect({ status: run.status, sources: run.sources }, run.stderr).toEqual({ status: 0, sources: plain.sources });
    }
  });

  it("jest: a test file's functions hold none of cowlens's calls and run elsewhere (babel-jest prints them again: spacing may differ)", () => {
    for (const mode of MODES) {
      const run = sourcesOf(jest(), mode);
      // The test file runs each function made again from its source.
      expect(run.status, run.stderr).toBe(0);
      expect(run.sources).not.toContain('__cl$');
      expect(run.sources).toContain('function declaration(xs) {');
    }
  });
});

/**
 * Text that only looks like cowlens's marks is the program's, and reads as it is: in strings,
 * comments and keys of functions with copy sites (nested, at their end, in the text a site
 * replaces) and without, in every form of function, in code made by `new Function` and eval, and
 * in a package, which runs uninstrumented. Each was rewritten before the marks were sealed.
 */
const LOOKALIKES: Readonly<Record<string, string>> = {
  'node_modules/lookalike/index.js': `// A package runs uninstrumented: its text is never cowlens's.
exports.fromPackage = function fromPackage(xs) { return [...xs, '/*cl$<[x*/y/*cl$>*/'] }
`,
  'lib.cjs': `'use strict'
// Text that looks like cowlens's marks, in functions that hold copy sites and in ones that do not.
const inString = (xs) => [...xs, '/*cl$<[x*/y/*cl$>*/']
function inComment(o) { /*cl$<[x*/ return { ...o } /*cl$>*/ }
function inReplacedText(o) { return { /*cl$<[x*/ ...o } }
function noSite() { return "/*cl$<[x*/y/*cl$>*/" }
const sealedForAnother = (xs) => [...xs, '/*cl$<vvdrvf[..*/y/*cl$>vvdrvf*/']
const nested = (xs) => [...[...xs].slice(), \`\${'/*cl$<{ ...*/'}\`, { ...{ ...xs } }]
const endsInASite = (o) => o.k = { ...o, '/*cl$>*/': 1 }
const { '/*cl$>*/': first, ...rest } = { '/*cl$>*/': 1, b: 2 }
function keepsRest(o) { const { '/*cl$>*/': a, ...others } = o; return others }
class Lookalike {
  items = ['/*cl$<[x*/', ...[1]]
  static copy = { ...{ '/*cl$<': 1 } }
  method(xs) { return xs.slice() /*cl$>*/ }
  get getter() { return [...'/*cl$<[x*/y'] }
  async asyncMethod(m) { return new Map(m) }
  *generator(xs) { yield* [...xs, '/*cl$<'] }
}
async function* asyncGenerator(xs) { for (const x of Array.from(xs)) yield \`/*cl$<\${x}*/\` }
const made = new Function('xs', 'return [...xs, "/*cl$<[x*/y/*cl$>*/"]')
const evaluated = eval('(function evaluated(o) { return { ...o, s: "/*cl$<[x*/y/*cl$>*/" } })')
module.exports = { inString, inComment, inReplacedText, noSite, sealedForAnother, nested, endsInASite, keepsRest, Lookalike, asyncGenerator, made, evaluated, first, rest }
`,
  'main.mjs': `import { createRequire } from 'node:module'
import { fromPackage } from 'lookalike'
const lib = createRequire(import.meta.url)('./lib.cjs')
const inModule = (o) => ({ ...o, mark: '/*cl$<{ ...*//*cl$>*/' })
const fns = { ...lib, fromPackage, inModule, method: lib.Lookalike.prototype.method, getter: Object.getOwnPropertyDescriptor(lib.Lookalike.prototype, 'getter').get }
for (const [name, fn] of Object.entries(fns)) if (typeof fn === 'function') console.log(\`--- \${name}\\n\${fn}\`)
const l = new lib.Lookalike()
// V8 quotes a function it cannot clone by its source; cowlens gives that message again as written.
try { structuredClone({ f: lib.noSite }) } catch (error) { console.log(error.message) }
console.log(lib.inString([1]), lib.inComment({ a: 1 }), lib.inReplacedText({ b: 1 }), lib.nested([1]), lib.endsInASite({}), lib.keepsRest({ '/*cl$>*/': 1, c: 2 }), lib.made([1]), lib.evaluated({}), lib.rest, l.items, l.getter, [...l.generator([2])], fromPackage([3]), inModule({}))
`,
};

describe('text that looks like the marks', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cowlens-lookalike-marks-'));
  for (const [file, text] of Object.entries(LOOKALIKES)) {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  const plain = plainNode(['main.mjs'], { cwd: dir });

  for (const mode of MODES) {
    it(`${mode}: reads as it is, wherever it stands`, () => {
      expect(plain.status, plain.stderr).toBe(0);
      const run = reportOf(['node', 'main.mjs'], { mode, cwd: dir });
      expect({ status: run.status, stdout: run.stdout }).toEqual({ status: 0, stdout: plain.stdout });
      expect([...new Set(run.report.sites.map((s) => basename(s.file)))].sort()).toEqual(['lib.cjs', 'main.mjs']);
    });
  }
});
