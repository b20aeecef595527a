/**
 * ES modules that a CommonJS module loads with `require` (require(esm), Node 20.19+ and 22.12+)
 * go past pirates's require hook and past the module hooks: cowlens instruments them in the
 * CommonJS loader, as ES modules. Node 20 loads the modules they import past every hook: those
 * make the run incomplete, named in the report; Node 22 and later load them through the module
 * hooks, instrumented.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pastPirates } from './pirates-frames.js';
import { plainNode, REPO, reportOf } from './run-cowlens.js';
import { sitesOf } from './runner-reports.js';
import { escapeRegExp } from './uninstrumented-runs.js';

const IMPORTS_PAST_HOOKS = Number(process.versions.node.split('.')[0]) < 22;

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'cowlens-require-esm-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const ONE_MODULE = {
  'lib.mjs': 'export function withThree(xs) { const c = [...xs]; c.push(3); return c }\n',
  // No import or export: only its package's `type` makes it an ES module, strict, with no `this`.
  'esm/package.json': '{ "type": "module" }\n',
  'esm/side.js': 'const c = [...[1, 2]];\nconsole.log("this is undefined:", this === undefined, c.length);\n',
  'main.cjs': "const { withThree } = require('./lib.mjs');\nrequire('./esm/side.js');\nconsole.log(withThree([1, 2]), withThree(Array.from({ length: 100 }, (_, i) => i)).length);\n",
};

const IMPORTING_MODULE = {
  'lib.mjs': "import { twice } from './dep.mjs';\nexport function withThree(xs) { const c = [...xs]; c.push(3); return twice(c) }\n",
  'dep.mjs': 'export function twice(xs) { return [...xs, ...xs] }\n',
  'main.cjs': "const { withThree } = require('./lib.mjs');\nconsole.log(withThree([1, 2]).length);\n",
};

const THROWING_MODULE = {
  'lib.mjs': "const c = [...[1, 2]];\nthrow new RangeError('no settings for ' + c.length);\n",
  'main.cjs': "require('./lib.mjs');\n",
};

describe('ES modules loaded by require()', () => {
  for (const mode of ['observe', 'cow'] as const) {
    it(`${mode} mode: a required ES module is instrumented, and runs as an ES module`, () => {
      const dir = project(ONE_MODULE);
      const plain = plainNode(['main.cjs'], { cwd: dir });
      const run = reportOf(['node', 'main.cjs'], { mode, cwd: dir });
      expect(run.status, run.stderr).toBe(plain.status);
      expect(run.stdout).toBe(plain.stdout);
      expect(run.stdout).toBe('this is undefined: true 2\n[ 1, 2, 3 ] 101\n');
      expect(run.report).toMatchObject({ complete: true, incomplete: [], diagnostics: [] });
      expect(Object.keys(sitesOf(run.report)).sort()).toEqual(['esm/side.js:1:11 array-spread', 'lib.mjs:1:43 array-spread']);
      expect(sitesOf(run.report)['lib.mjs:1:43 array-spread']).toMatchObject({ executions: 2 });
    });
  }

  it(
    IMPORTS_PAST_HOOKS
      ? 'on Node 20 the ES modules it imports run uninstrumented: the run is incomplete, naming them'
      : 'the ES modules it imports are instrumented through the module hooks, and the run complete',
    () => {
      const dir = project(IMPORTING_MODULE);
      const plain = plainNode(['main.cjs'], { cwd: dir });
      const run = reportOf(['node', 'main.cjs'], { cwd: dir });
      expect(run.status, run.stderr).toBe(plain.status);
      expect(run.stdout).toBe('6\n');
      if (!IMPORTS_PAST_HOOKS) {
        expect(run.report).toMatchObject({ complete: true, incomplete: [], diagnostics: [] });
        expect(Object.keys(sitesOf(run.report)).sort()).toEqual(['dep.mjs:1:36 array-spread', 'lib.mjs:2:43 array-spread']);
        return;
      }
      const reason = `ran 1 project file (dep.mjs) that cowlens did not instrument: Node ${process.version} loads the ES modules that an ES module loaded by require() imports past every module hook; run on Node 22.12 or later to instrument them; their copies are not in this report`;
      const process_ = String.raw`process pid \d+ \(node main\.cjs\) `;
      expect(run.report.complete).toBe(false);
      expect(run.report.incomplete).toEqual([expect.stringMatching(new RegExp(`^${process_}${escapeRegExp(reason)}$`))]);
      expect(Object.keys(sitesOf(run.report))).toEqual(['lib.mjs:2:43 array-spread']);
      expect(run.stderr).toMatch(/^cowlens: 1 copy sites, .* \(incomplete report\); json report written to /m);
      expect(run.stderr).toMatch(new RegExp(`^cowlens: warning: ${process_}${escapeRegExp(reason)}$`, 'm'));
    },
  );

  it('a run whose modules were all seen before starts no transform worker: the program sees no thread start, as plain', () => {
    const dir = project({
      ...IMPORTING_MODULE,
      'main.cjs': "let threads = 0;\nprocess.on('worker', () => threads++);\nconst { withThree } = require('./lib.mjs');\nconsole.log(withThree([1, 2]).length, 'threads started:', threads);\n",
    });
    const plain = plainNode(['main.cjs'], { cwd: dir });
    expect(plain.stdout).toBe('6 threads started: 0\n');
    reportOf(['node', 'main.cjs'], { cwd: dir });
    const warm = reportOf(['node', 'main.cjs'], { cwd: dir });
    expect({ status: warm.status, stdout: warm.stdout }).toEqual({ status: plain.status, stdout: plain.stdout });
    expect(warm.report.incomplete).toEqual(IMPORTS_PAST_HOOKS ? [expect.stringContaining('ran 1 project file (dep.mjs) that cowlens did not instrument')] : []);
  });

  it.runIf(IMPORTS_PAST_HOOKS)('on Node 20 the modules named are those imported as the files are now, not as a run before saw them', () => {
    const dir = project(IMPORTING_MODULE);
    expect(reportOf(['node', 'main.cjs'], { cwd: dir }).report.incomplete).toEqual([expect.stringContaining('ran 1 project file (dep.mjs) that')]);
    writeFileSync(join(dir, 'dep.mjs'), "import { more } from './more.mjs';\nexport function twice(xs) { return more([...xs, ...xs]) }\n");
    writeFileSync(join(dir, 'more.mjs'), 'export const more = (xs) => [...xs];\n');
    const changed = reportOf(['node', 'main.cjs'], { cwd: dir });
    expect(changed.stdout).toBe('6\n');
    expect(changed.report.incomplete).toEqual([expect.stringContaining('ran 2 project files (dep.mjs, more.mjs) that')]);
  });

  it('an error a required ES module throws as it loads: its stack as plain Node prints it, but for pirates\'s frames', () => {
    const dir = project(THROWING_MODULE);
    const plain = plainNode(['--stack-trace-limit=100', 'main.cjs'], { cwd: dir });
    const run = reportOf(['node', '--stack-trace-limit=100', 'main.cjs'], { cwd: dir, extra: ['--quiet'] });
    expect(plain.stderr).toContain('RangeError: no settings for 2');
    expect(run.stderr).not.toContain(join(REPO, 'server'));
    expect({ status: run.status, stdout: run.stdout, stderr: pastPirates(run.stderr) }).toEqual({ ...plain, stderr: pastPirates(plain.stderr) });
  });
});
