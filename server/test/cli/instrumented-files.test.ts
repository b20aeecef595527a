/**
 * Which files `cowlens report` instruments, as --only, --include and --exclude say: by default the
 * project's own (outside node_modules), --include adds (a dependency), --only replaces the default
 * set, --exclude removes and wins over both. Real runs of a project with two dependencies; a
 * site in the report is the proof that its file was instrumented.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cowlens, plainNode, reportOf } from './run-cowlens.js';

const project = mkdtempSync(join(tmpdir(), 'cowlens-files-'));
const files: Record<string, string> = {
  'main.js': [
    "const { grow } = require('tiny');",
    "const { dup } = require('other');",
    "const { twice } = require('./src/lib.js');",
    "const { pair } = require('./src/gen.js');",
    'const a = { ...{ x: 1 } };',
    'console.log(grow([1]).length, dup({ a: 1 }).a, twice([2]).length, pair(3).length, a.x);',
    '',
  ].join('\n'),
  'src/lib.js': 'exports.twice = function twice(xs) { return xs.slice(); };\n',
  'src/gen.js': 'exports.pair = function pair(x) { return Array.from([x, x]); };\n',
  'node_modules/tiny/package.json': '{ "name": "tiny", "main": "index.js" }\n',
  'node_modules/tiny/index.js': "const { more } = require('./extra.js');\nexports.grow = function grow(xs) { const ys = [...xs]; return more(ys); };\n",
  'node_modules/tiny/extra.js': 'exports.more = function more(ys) { return ys.concat([1]); };\n',
  'node_modules/other/package.json': '{ "name": "other", "main": "index.js" }\n',
  'node_modules/other/index.js': 'exports.dup = function dup(o) { return { ...o }; };\n',
};
for (const [path, text] of Object.entries(files)) {
  mkdirSync(dirname(join(project, path)), { recursive: true });
  writeFileSync(join(project, path), text);
}
const OUTPUT = '2 1 1 2 1\n';
const PROJECT_FILES = ['main.js', 'src/gen.js', 'src/lib.js'];

/** The files that ran instrumented: those with a site in the report. The program's output must be its own. */
function instrumented(options: readonly string[]): string[] {
  const run = reportOf(['node', 'main.js'], { cwd: project, extra: options });
  expect(run.status).toBe(0);
  expect(run.stdout).toBe(OUTPUT);
  expect(run.report).toMatchObject({ complete: true, diagnostics: [] });
  return [...new Set(run.report.sites.map((s) => s.file))].sort();
}

describe('the files cowlens report instruments', () => {
  it('the program runs the same without cowlens', () => {
    expect(plainNode(['main.js'], { cwd: project }).stdout).toBe(OUTPUT);
  });

  it("by default, the project's own files and no dependency", () => {
    expect(instrumented([])).toEqual(PROJECT_FILES);
  });

  it("--include 'node_modules/<pkg>/**' adds that package to the project's files, and no other", () => {
    expect(instrumented(['--include', 'node_modules/tiny/**'])).toEqual([...PROJECT_FILES, 'node_modules/tiny/extra.js', 'node_modules/tiny/index.js'].sort());
  });

  it('--only instruments only what it names: project files, a dependency, or a glob that matches every file but dependencies', () => {
    expect(instrumented(['--only', 'src/**'])).toEqual(['src/gen.js', 'src/lib.js']);
    expect(instrumented(['--only', 'node_modules/tiny/**'])).toEqual(['node_modules/tiny/extra.js', 'node_modules/tiny/index.js']);
    // Only a glob naming node_modules reaches a dependency, as with nyc's and c8's include.
    expect(instrumented(['--only', '**/*.js'])).toEqual(PROJECT_FILES);
  });

  it('--include adds to what --only names', () => {
    expect(instrumented(['--only', 'src/lib.js', '--include', 'node_modules/other/**'])).toEqual(['node_modules/other/index.js', 'src/lib.js']);
  });

  it('--exclude wins over the default set, --include and --only alike', () => {
    expect(instrumented(['--exclude', 'src/gen.js'])).toEqual(['main.js', 'src/lib.js']);
    expect(instrumented(['--include', 'node_modules/tiny/**', '--exclude', '**/extra.js', '--exclude', 'src/**'])).toEqual(['main.js', 'node_modules/tiny/index.js']);
    expect(instrumented(['--only', 'src/**', '--include', 'node_modules/tiny/**', '--exclude', 'src/gen.js', '--exclude', 'node_modules/tiny/extra.js'])).toEqual(['node_modules/tiny/index.js', 'src/lib.js']);
  });

  it('--exclude leaves dependencies out, as without it (it once replaced their exclusion)', () => {
    expect(instrumented(['--exclude', 'dist/**'])).toEqual(PROJECT_FILES);
  });
});

describe('globs that cannot mean what they say are refused before the command starts (98)', () => {
  const refused = (options: readonly string[]): string => {
    const run = cowlens(['report', ...options, '--', 'node', 'main.js'], { cwd: project });
    expect(run.status).toBe(98);
    expect(run.stdout).toBe('');
    return run.stderr;
  };

  it("an --include written for the old meaning, or nyc's (only these files), points to --only", () => {
    expect(refused(['--include', 'src/**'])).toBe(
      "cowlens: --include 'src/**' names no node_modules folder, and every file of the project outside node_modules is in the set already: --include adds files to those (a dependency: 'node_modules/<package>/**'). Remove it, or give it as --only 'src/**' to take only the files it matches.\n",
    );
    expect(refused(['--include', '**/*', '--include', 'node_modules/tiny/**'])).toContain("--include '**/*' names no node_modules folder");
  });

  it('an --include or --only that an --exclude empties', () => {
    expect(refused(['--include', 'node_modules/tiny/**', '--exclude', '**/node_modules/**'])).toBe(
      "cowlens: --include 'node_modules/tiny/**' takes no file: --exclude '**/node_modules/**' leaves out the files it names, and an exclusion wins over --only and --include alike. Drop or narrow one of the two (the project's dependencies are left out without any exclusion).\n",
    );
    expect(refused(['--only', 'src/**', '--exclude', 'src/**'])).toContain("--only 'src/**' takes no file: --exclude 'src/**' leaves out");
  });

  it('a negation, a glob out of the folder, an empty one, and one that is not a glob', () => {
    expect(refused(['--exclude', '!node_modules/tiny/**'])).toContain("--exclude '!node_modules/tiny/**' starts with !, a negation");
    expect(refused(['--only', '../elsewhere/**'])).toContain("--only '../elsewhere/**' points outside the folder the run starts in");
    expect(refused(['--only', '/abs/**'])).toContain("--only '/abs/**' points outside the folder the run starts in");
    expect(refused(['--include', ''])).toContain("--include '' is empty");
    expect(refused(['--include', 'node_modules/[tiny/**'])).toContain("--include 'node_modules/[tiny/**' is not a valid glob: Missing closing: \"]\"");
  });
});

describe('cowlens scan takes the same file set', () => {
  const scanned = (options: readonly string[]): string[] => {
    const run = cowlens(['scan', '--format', 'json', ...options, '.'], { cwd: project });
    expect(run.status, run.stderr).toBe(0);
    const { sites } = JSON.parse(run.stdout) as { sites: { file: string }[] };
    return [...new Set(sites.map((s) => s.file))].sort();
  };

  it("the project's own files by default; --include adds a dependency, --only replaces, --exclude wins", () => {
    expect(scanned([])).toEqual(PROJECT_FILES);
    expect(scanned(['--include', 'node_modules/tiny/**'])).toEqual([...PROJECT_FILES, 'node_modules/tiny/extra.js', 'node_modules/tiny/index.js'].sort());
    expect(scanned(['--only', 'src/**', '--include', 'node_modules/other/**', '--exclude', 'src/gen.js'])).toEqual(['node_modules/other/index.js', 'src/lib.js']);
  });

  it("refuses an --include of the old meaning before scanning, as report does", () => {
    const run = cowlens(['scan', '--include', 'src/**', '.'], { cwd: project });
    expect(run.status).toBe(98);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain("--include 'src/**' names no node_modules folder");
  });
});
