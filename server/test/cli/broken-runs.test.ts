/**
 * A run that cowlens broke must not look like a clean run of a failing program: a module that no
 * longer compiles once instrumented, or an exception raised inside cowlens's runtime, makes the
 * report incomplete, with a diagnostic that says where and how to leave the file uninstrumented.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { crashCause } from '../../src/instrument/hooks/crash-cause.js';
import { RUNTIME_REF } from '../../src/instrument/module-bindings.js';
import { plainNode, reportOf } from './run-cowlens.js';

const OWN = '/opt/cowlens/server/dist/';
const isOwn = (file: string): boolean => file.startsWith(OWN);

describe('crashCause', () => {
  it('names the file of a CommonJS module that does not compile, from the header Node puts first', () => {
    const stack = "/app/lib/b.cjs:4\nlet d = 2;\n    ^\n\nSyntaxError: Identifier 'd' has already been declared\n    at wrapSafe (node:internal/modules/cjs/loader:1464:18)\n    at Module._compile (node:internal/modules/cjs/loader:1495:20)";
    expect(crashCause({ name: 'SyntaxError', stack }, isOwn)).toEqual({ kind: 'file-syntax', file: '/app/lib/b.cjs', line: 4, message: "SyntaxError: Identifier 'd' has already been declared" });
  });

  it('tells an ES module that does not compile (Node does not say which) from a SyntaxError of the program', () => {
    const module = "SyntaxError: Identifier 'd' has already been declared\n    at compileSourceTextModule (node:internal/modules/esm/utils:346:16)\n    at ModuleLoader.moduleStrategy (node:internal/modules/esm/translators:146:18)";
    expect(crashCause({ name: 'SyntaxError', stack: module }, isOwn)).toEqual({ kind: 'module-syntax', message: "SyntaxError: Identifier 'd' has already been declared" });
    const parse = 'SyntaxError: Unexpected token } in JSON at position 12\n    at JSON.parse (<anonymous>)\n    at load (/app/config.js:3:15)';
    expect(crashCause({ name: 'SyntaxError', stack: parse }, isOwn)).toBeUndefined();
  });

  it("blames cowlens when the innermost frame of code on disk is its own, and names the program's call", () => {
    const stack = [
      "TypeError: 'getOwnPropertyDescriptor' on proxy: trap returned neither object nor undefined for property '0'",
      '    at Reflect.getOwnPropertyDescriptor (<anonymous>)',
      `    at dataValue (${OWN}runtime/data-value.js:7:21)`,
      `    at Object.arraySpread (${OWN}runtime/create-runtime.js:153:12)`,
      '    at <anonymous> (file:///app/main.mjs:2:11)',
      '    at ModuleJob.run (node:internal/modules/esm/module_job:325:25)',
    ].join('\n');
    expect(crashCause({ name: 'TypeError', stack }, isOwn)).toEqual({
      kind: 'own-code',
      frame: { file: `${OWN}runtime/data-value.js`, line: 7, column: 21 },
      caller: { file: '/app/main.mjs', line: 2, column: 11 },
      message: "TypeError: 'getOwnPropertyDescriptor' on proxy: trap returned neither object nor undefined for property '0'",
    });
  });

  it("does not blame cowlens for the program's own errors, even thrown in a callback cowlens called, nor for values that are not errors", () => {
    const inCallback = `Error: mine\n    at getter (/app/model.js:9:11)\n    at sizeOf (${OWN}runtime/size/shallow-size.js:43:67)\n    at main (/app/main.js:2:3)`;
    expect(crashCause({ name: 'Error', stack: inCallback }, isOwn)).toBeUndefined();
    const inNode = `Error: ENOENT\n    at Object.readFileSync (node:fs:448:20)\n    at main (/app/main.js:2:3)\n    at run (${OWN}cli/main.js:1:1)`;
    expect(crashCause({ name: 'Error', stack: inNode }, isOwn)).toBeUndefined();
    expect(crashCause('a string thrown', isOwn)).toBeUndefined();
    expect(crashCause(null, isOwn)).toBeUndefined();
  });

  it("does not blame cowlens for what Node's module loader raises in a call cowlens passed on, unless it names a file of cowlens's", () => {
    const throughHooks = [
      "Error [ERR_MODULE_NOT_FOUND]: Cannot find package 'tsx' imported from /app/",
      '    at packageResolve (node:internal/modules/esm/resolve:873:9)',
      '    at defaultResolve (node:internal/modules/esm/resolve:1188:11)',
      '    at nextResolve (node:internal/modules/esm/hooks:864:28)',
      `    at resolve (file://${OWN}instrument/hooks/esm-hooks.js:46:22)`,
      '    at Hooks.resolve (node:internal/modules/esm/hooks:306:30)',
    ].join('\n');
    expect(crashCause({ name: 'Error', stack: throughHooks }, isOwn)).toBeUndefined();
    const throughRequire = [
      "Error: Cannot find module 'nopkg'\nRequire stack:\n- /app/main.js",
      '    at Module._resolveFilename (node:internal/modules/cjs/loader:1207:15)',
      `    at Function.resolveFilename [as _resolveFilename] (file://${OWN}instrument/hooks/cjs-resolve.js:12:29)`,
      '    at Module._load (node:internal/modules/cjs/loader:1038:27)',
      '    at require (node:internal/modules/helpers:182:18)',
      '    at Object.<anonymous> (/app/main.js:1:1)',
    ].join('\n');
    expect(crashCause({ name: 'Error', stack: throughRequire }, isOwn)).toBeUndefined();
    const ownModuleMissing = [
      `Error [ERR_MODULE_NOT_FOUND]: Cannot find module '${OWN}instrument/transform-module.js' imported from ${OWN}instrument/hooks/esm-hooks.js`,
      '    at finalizeResolution (node:internal/modules/esm/resolve:283:11)',
      '    at nextResolve (node:internal/modules/esm/hooks:864:28)',
      `    at load (file://${OWN}instrument/hooks/esm-hooks.js:90:16)`,
    ].join('\n');
    expect(crashCause({ name: 'Error', stack: ownModuleMissing }, isOwn)).toMatchObject({ kind: 'own-code', caller: undefined });
    const ownRead = ["Error: ENOENT: no such file or directory, open '/app/gone.ts'", '    at Object.readFileSync (node:fs:448:20)', `    at load (file://${OWN}instrument/hooks/esm-hooks.js:90:16)`].join('\n');
    expect(crashCause({ name: 'Error', stack: ownRead }, isOwn)).toMatchObject({ kind: 'own-code', frame: { file: `${OWN}instrument/hooks/esm-hooks.js` } });
  });
});

/**
 * Errors plain Node raises too, for modules the command names: a loader the folder does not have
 * (`--import tsx` where tsx is not installed), a missing `--import`, entry point or package. They
 * pass through cowlens's module hooks, which hand the request to Node, and are the program's.
 */
describe("cowlens report on a program that fails to load a module of its own", () => {
  const dir = mkdtempSync(join(tmpdir(), 'cowlens-missing-module-'));
  writeFileSync(join(dir, 'main.mjs'), 'console.log([...[1, 2]].length);\n');
  writeFileSync(join(dir, 'requires.cjs'), "console.log([...[1, 2]].length);\nrequire('cowlens-test-absent-package');\n");
  writeFileSync(join(dir, 'imports.mjs'), "console.log([...[1, 2]].length);\nawait import('./absent.mjs');\n");

  for (const command of [
    ['--import', 'cowlens-test-absent-loader', 'main.mjs'],
    ['--import', './absent.mjs', 'main.mjs'],
    ['absent.mjs'],
    ['requires.cjs'],
    ['imports.mjs'],
  ]) {
    it(`node ${command.join(' ')}: fails as plainly, and the report is complete, with nothing blamed on cowlens`, () => {
      const plain = plainNode(command, { cwd: dir });
      expect(plain.status).toBe(1);
      expect(plain.stderr).toMatch(/Cannot find (module|package)/);
      const run = reportOf(['node', ...command], { cwd: dir });
      expect({ status: run.status, stdout: run.stdout }).toEqual({ status: plain.status, stdout: plain.stdout });
      expect(run.report).toMatchObject({ exitCode: 1, complete: true, incomplete: [], diagnostics: [] });
    });
  }
});

describe('cowlens report on a run that cowlens broke', () => {
  let dir: string;
  /**
   * The name instrumented code reaches the runtime by, which the bindings of every instrumented
   * module declares: a module that declares it too no longer compiles once instrumented.
   */
  const reserved = /[A-Za-z_$][\w$]*/.exec(RUNTIME_REF)![0];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cowlens-broken-'));
    const clashing = `const ${reserved} = 'mine';\nexport const b = [...[1, 2]];\nexport const name = ${reserved};\n`;
    writeFileSync(join(dir, 'a.mjs'), 'export const a = 1;\n');
    writeFileSync(join(dir, 'b.mjs'), clashing);
    writeFileSync(join(dir, 'main.mjs'), "import { a } from './a.mjs';\nimport { b, name } from './b.mjs';\nconsole.log(a, b.length, name);\n");
    writeFileSync(join(dir, 'b.cjs'), `const ${reserved} = 'mine';\nconsole.log([...[1, 2]].length, ${reserved});\n`);
    writeFileSync(join(dir, 'own-error.mjs'), 'const copy = [...[1, 2]];\nlet d = 1;\nlet d = 2;\n');
    // The program calls the runtime the way instrumented code does, with an argument instrumented code never passes.
    writeFileSync(join(dir, 'runtime-call.mjs'), "const runtime = globalThis[Symbol.for('cowlens.runtime')];\nconsole.log('before');\nruntime.sites('x.mjs', null);\n");
    writeFileSync(
      join(dir, 'runtime-call-handled.mjs'),
      [
        "const runtime = globalThis[Symbol.for('cowlens.runtime')];",
        "process.on('uncaughtExceptionMonitor', (error, origin) => console.log('monitor', error.constructor.name, origin, process.listenerCount('uncaughtExceptionMonitor')));",
        "process.on('uncaughtException', (error, origin) => console.log('handled', origin, process.eventNames().join(' ')));",
        "setTimeout(() => runtime.sites('x.mjs', null), 1);",
        '',
      ].join('\n'),
    );
  });

  for (const [entry, broken] of [
    ['main.mjs', 'b.mjs'],
    ['b.cjs', 'b.cjs'],
  ] as const) {
    it(`${broken}, which compiles as written but not instrumented, is named with the option that leaves it out, and that option works`, () => {
      const plain = plainNode([entry], { cwd: dir });
      expect(plain.status).toBe(0);
      const run = reportOf(['node', entry], { cwd: dir });
      expect(run.status).toBe(1);
      expect(run.report.complete).toBe(false);
      expect(run.report.incomplete).toEqual([expect.stringMatching(/^process pid \d+ \(node (main\.mjs|b\.cjs)\) met an uncaught error that cowlens caused or may have caused \(see the diagnostics\)/)]);
      const message = `${broken} does not compile once cowlens has instrumented it (SyntaxError: Identifier '${reserved}' has already been declared), though it does as written: a bug of cowlens. Leave the file uninstrumented with \`cowlens report --exclude '${broken}'\`, and please report it to cowlens.`;
      expect(run.report.diagnostics).toEqual([{ severity: 'error', file: broken, message }]);
      // With --out the report is in a file: the summary line and the error still reach the terminal.
      expect(run.stderr).toMatch(/\(incomplete report\); json report written to /);
      expect(run.stderr).toContain(`cowlens: error: ${message}`);
      const excluded = reportOf(['node', entry], { cwd: dir, extra: ['--exclude', broken] });
      expect(excluded.status).toBe(0);
      expect(excluded.stdout).toBe(plain.stdout);
      expect(excluded.report).toMatchObject({ complete: true, diagnostics: [] });
    });
  }

  it("a file that does not compile as written either is the program's own error: the report stays complete", () => {
    const plain = plainNode(['own-error.mjs'], { cwd: dir });
    expect(plain.status).toBe(1);
    expect(plain.stderr).toContain("SyntaxError: Identifier 'd' has already been declared");
    const run = reportOf(['node', 'own-error.mjs'], { cwd: dir });
    expect(run.status).toBe(1);
    expect(run.report).toMatchObject({ exitCode: 1, complete: true, incomplete: [], diagnostics: [] });
  });

  it("an exception raised inside cowlens's runtime that the program handles is reported, and the program's own monitor and handler see what they would", () => {
    const run = reportOf(['node', 'runtime-call-handled.mjs'], { cwd: dir, mode: 'cow' });
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('monitor TypeError uncaughtException 1\nhandled uncaughtException newListener removeListener warning uncaughtExceptionMonitor uncaughtException\n');
    expect(run.report.complete).toBe(false);
    expect(run.report.diagnostics).toEqual([
      expect.objectContaining({
        severity: 'error',
        file: 'runtime-call-handled.mjs',
        line: 4,
        message: expect.stringMatching(/^uncaught TypeError: .+, raised inside cowlens \(src\/runtime\/create-runtime\.ts:\d+\) in a call from runtime-call-handled\.mjs:4:\d+/) as unknown,
      }),
    ]);
  });

  it("an exception raised inside cowlens's runtime names the runtime's frame and the program's call", () => {
    const run = reportOf(['node', 'runtime-call.mjs'], { cwd: dir, mode: 'cow' });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('before\n');
    expect(run.report.complete).toBe(false);
    expect(run.report.diagnostics).toEqual([
      {
        severity: 'error',
        file: 'runtime-call.mjs',
        line: 3,
        column: 9,
        message: expect.stringMatching(
          /^uncaught TypeError: .+, raised inside cowlens \(src\/runtime\/create-runtime\.ts:\d+\) in a call from runtime-call\.mjs:3:9: without cowlens the program may not fail here\. Leave runtime-call\.mjs uninstrumented with `cowlens report --exclude 'runtime-call\.mjs'`, and please report it to cowlens/,
        ) as unknown,
      },
    ]);
    expect(run.stderr).toMatch(/\(incomplete report\)/);
  });
});
