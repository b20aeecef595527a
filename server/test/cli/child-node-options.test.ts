/**
 * A child process that the program starts with NODE_OPTIONS of its own (as `cross-env
 * NODE_OPTIONS=--max-old-space-size=4096 jest` does) keeps cowlens's preload: cowlens puts it back
 * in front of the options the program gave, and the child is instrumented like every process of
 * the run. A child whose environment drops NODE_OPTIONS or the run's variables altogether runs as
 * it is, and when it is Node running a project file, the run is incomplete, naming it.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { plainNode, reportOf } from './run-cowlens.js';
import { sitesOf } from './runner-reports.js';
import { escapeRegExp } from './uninstrumented-runs.js';

const CHILD = 'const xs = Array.from({ length: 100 }, (_, i) => i)\nconst ys = [...xs]; ys.push(1)\nconsole.log(ys.length, JSON.stringify(process.env.NODE_OPTIONS))\n';

const STARTS = {
  execFileSync: "process.stdout.write(require('child_process').execFileSync(process.execPath, [__dirname + '/child.js'], { env }))",
  spawnSync: "process.stdout.write(require('child_process').spawnSync(process.execPath, [__dirname + '/child.js'], { env }).stdout)",
  execSync: "process.stdout.write(require('child_process').execSync(JSON.stringify(process.execPath) + ' child.js', { env, cwd: __dirname }))",
  spawn: "require('child_process').spawn(process.execPath, [__dirname + '/child.js'], { env, stdio: 'inherit' })",
  fork: "require('child_process').fork(__dirname + '/child.js', { env })",
  'process.env': "process.env.NODE_OPTIONS = env.NODE_OPTIONS; require('child_process').spawn(process.execPath, [__dirname + '/child.js'], { stdio: 'inherit' })",
};

function project(start: string, env: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'cowlens-child-options-'));
  writeFileSync(join(dir, 'child.js'), CHILD);
  writeFileSync(join(dir, 'main.js'), `const env = ${env}\n${start}\n`);
  return dir;
}

describe('a child started with NODE_OPTIONS of its own', () => {
  for (const [how, start] of Object.entries(STARTS)) {
    it(`by ${how}: keeps cowlens's preload before its own options, and is instrumented`, () => {
      const dir = project(start, "{ ...process.env, NODE_OPTIONS: '--max-old-space-size=4096' }");
      expect(plainNode(['main.js'], { cwd: dir }).stdout).toBe('101 "--max-old-space-size=4096"\n');
      const run = reportOf(['node', 'main.js'], { cwd: dir });
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/^101 "--require=\\".*preload\.cjs\\" --max-old-space-size=4096"\n$/);
      expect(run.report).toMatchObject({ complete: true, incomplete: [], diagnostics: [] });
      expect(sitesOf(run.report)['child.js:2:12 array-spread']).toMatchObject({ executions: 1 });
    });
  }

  const CLEAN_ENVIRONMENTS = [
    { how: 'spawn', env: "{ PATH: process.env.PATH, NODE_OPTIONS: '--max-old-space-size=4096' }", nodeOptions: '"--max-old-space-size=4096"' },
    { how: 'fork', env: "{ PATH: process.env.PATH, NODE_OPTIONS: '--max-old-space-size=4096' }", nodeOptions: '"--max-old-space-size=4096"' },
    { how: 'execFileSync', env: "{ PATH: process.env.PATH, NODE_OPTIONS: '--max-old-space-size=4096' }", nodeOptions: '"--max-old-space-size=4096"' },
    { how: 'spawn', env: "{ ...process.env, NODE_OPTIONS: '' }", nodeOptions: '""' },
    { how: 'execFileSync', env: '(({ NODE_OPTIONS, ...rest }) => rest)(process.env)', nodeOptions: 'undefined' },
  ] as const;
  for (const { how, env, nodeOptions } of CLEAN_ENVIRONMENTS) {
    it(`by ${how}, with the environment \`${env}\`: runs as it is, and the run is incomplete, naming its file`, () => {
      const dir = project(STARTS[how], env);
      const plain = plainNode(['main.js'], { cwd: dir });
      const run = reportOf(['node', 'main.js'], { cwd: dir });
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout).toBe(plain.stdout);
      expect(run.stdout).toBe(`101 ${nodeOptions}\n`);
      const reason =
        "ran 1 project file (child.js) that cowlens did not instrument: a Node child process it started with NODE_OPTIONS or cowlens's variables removed from its environment ran it: pass them on to the child (`{ ...process.env, … }`) to instrument it; their copies are not in this report";
      const process_ = String.raw`process pid \d+ \(node main\.js\) `;
      expect(run.report.complete).toBe(false);
      expect(run.report.incomplete).toEqual([expect.stringMatching(new RegExp(`^${process_}${escapeRegExp(reason)}$`))]);
      expect(Object.keys(sitesOf(run.report))).not.toContain('child.js:2:12 array-spread');
      expect(run.stderr).toMatch(/ \(incomplete report\); json report written to /);
      expect(run.stderr).toMatch(new RegExp(`^cowlens: warning: ${process_}${escapeRegExp(reason)}$`, 'm'));
    });
  }

  for (const how of ['spawn', 'execFileSync'] as const) {
    it(`by ${how}, with the program's environment as it is: instrumented, NODE_OPTIONS untouched, and the run complete`, () => {
      const dir = project(STARTS[how], 'process.env');
      const run = reportOf(['node', 'main.js'], { cwd: dir });
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/^101 "--require=\\".*preload\.cjs\\""\n$/);
      expect(run.report).toMatchObject({ complete: true, incomplete: [], diagnostics: [] });
      expect(sitesOf(run.report)['child.js:2:12 array-spread']).toMatchObject({ executions: 1 });
    });
  }

  it('a clean environment for code given on the command line, not a project file, leaves the run complete', () => {
    const dir = project("require('child_process').spawn(process.execPath, ['-e', 'console.log([...[1]].length)'], { env, stdio: 'inherit' })", '{ PATH: process.env.PATH }');
    const run = reportOf(['node', 'main.js'], { cwd: dir });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toBe('1\n');
    expect(run.report).toMatchObject({ complete: true, incomplete: [], diagnostics: [] });
  });
});
