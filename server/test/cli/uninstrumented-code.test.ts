/**
 * A run in which a process runs project code that cowlens did not instrument is never reported as
 * complete: the report names the process and the reason in its diagnostics and incomplete
 * reasons, and the CLI's summary line says the report is incomplete. Detected from what the
 * processes really loaded (Node's CommonJS cache at exit), and from the jest runtime jest loads.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { plainNode, reportOf } from './run-cowlens.js';
import { sitesOf } from './runner-reports.js';
import { escapeRegExp } from './uninstrumented-runs.js';

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'cowlens-uninstrumented-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

// A stand-in for esm's `-r esm`: a require hook that compiles each .js file itself, through vm,
// and never hands it to `module._compile`, where cowlens's require hook waits.
const VM_LOADER = `const Module = require('node:module');
const { readFileSync } = require('node:fs');
const { dirname } = require('node:path');
const vm = require('node:vm');
Module._extensions['.js'] = (module, filename) => {
  const wrapper = vm.runInThisContext(Module.wrap(readFileSync(filename, 'utf8')), { filename });
  wrapper.call(module.exports, module.exports, (id) => module.require(id), module, filename, dirname(filename));
};
`;

const PROGRAM = {
  'loader.cjs': VM_LOADER,
  'src/lib.js': 'exports.copy = (xs) => xs.slice();\n',
  'main.js': "const { copy } = require('./src/lib.js');\nconsole.log(copy([1, 2, 3]).length);\n",
};

describe('project code that cowlens did not instrument', () => {
  for (const mode of ['observe', 'cow'] as const) {
    it(`${mode} mode: files a loader of the program compiled itself make the run incomplete, naming the process and the files`, () => {
      const dir = project(PROGRAM);
      const plain = plainNode(['-r', './loader.cjs', 'main.js'], { cwd: dir });
      const run = reportOf(['node', '-r', './loader.cjs', 'main.js'], { mode, cwd: dir });
      expect(run.status).toBe(plain.status);
      expect(run.stdout).toBe(plain.stdout);
      const bypassed = `ran 2 project files (main.js, src/lib.js) that cowlens did not instrument: a loader of the program compiled them itself, past cowlens's require hook (esm's \`-r esm\`, or a hook that runs code through \`vm\`); their copies are not in this report`;
      const early = "ran 1 project file (loader.cjs) that cowlens did not instrument: they were loaded by a preload of the program's (`node -r`), before cowlens's hooks were in place; their copies are not in this report";
      const process = String.raw`process pid \d+ \(node main\.js\) `;
      expect(run.report.complete).toBe(false);
      expect(run.report.incomplete).toEqual([expect.stringMatching(new RegExp(`^${process}${escapeRegExp(early)}$`)), expect.stringMatching(new RegExp(`^${process}${escapeRegExp(bypassed)}$`))]);
      expect(run.report.diagnostics.map((d) => `${d.severity}: ${d.message}`)).toEqual(run.report.incomplete.map((reason) => `warning: ${reason}`));
      expect(run.stderr).toMatch(/^cowlens: 0 copy sites, 0 copies, 0 written \(incomplete report\); json report written to /m);
      expect(run.stderr).toMatch(new RegExp(`^cowlens: warning: ${process}${escapeRegExp(bypassed)}$`, 'm'));
    });
  }

  it('the same files required plainly are instrumented, and the run complete', () => {
    const dir = project(PROGRAM);
    const run = reportOf(['node', 'main.js'], { cwd: dir });
    expect(run.status, run.stderr).toBe(0);
    expect(run.report).toMatchObject({ complete: true, incomplete: [], diagnostics: [] });
    expect(sitesOf(run.report)).toEqual({ 'src/lib.js:1:24 array-slice': { executions: 1, materialized: 0, eager: 1, copyPoints: [] } });
  });

  it('jest 24, whose jest-runtime exports the Runtime class itself: its test files run as they are, and the run is incomplete', () => {
    // A stand-in for jest 24's runtime package, required by name as jest-runner requires it.
    const dir = project({
      'node_modules/jest-runtime/package.json': '{ "name": "jest-runtime", "version": "24.9.0", "main": "build/index.js" }',
      'node_modules/jest-runtime/build/index.js': 'module.exports = class Runtime {};\n',
      'main.cjs': "console.log(require('jest-runtime').name);\n",
    });
    const run = reportOf(['node', 'main.cjs'], { cwd: dir });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toBe('Runtime\n');
    const reason = 'ran project code that cowlens did not instrument: jest-runtime 24.9.0 is not supported (cowlens instruments the test files of jest 29 and 30): its test files run uninstrumented; their copies are not in this report';
    expect(run.report.complete).toBe(false);
    expect(run.report.incomplete).toEqual([expect.stringMatching(new RegExp(String.raw`^process pid \d+ \(node main\.cjs\) ${escapeRegExp(reason)}$`))]);
    expect(run.stderr).toContain(`(incomplete report)`);
    expect(run.stderr).toContain(reason);
  });
});
