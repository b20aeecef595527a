/**
 * What the tests of test-fixtures/runners/vitest-suite (vitest 4.1) and of vitest5-suite, which
 * holds the same files, expect alike, whichever vitest runs them.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';
import { plainNode, reportOf } from './run-cowlens.js';
import { linesOf, type SiteFigures, sitesOf, splitCowlensLine } from './runner-reports.js';

/** The same sites at the same places. */
export const VITEST_SUITE_SITES: Record<'observe' | 'cow', Record<string, SiteFigures>> = {
  observe: {
    'src/inventory.ts:8:16 array-slice': { executions: 3, materialized: 3, eager: 0, copyPoints: ['src/inventory.ts:10:19 ×2', 'test/restock.test.ts:13:3 ×1'] },
    'src/inventory.ts:10:33 object-spread': { executions: 2, materialized: 2, eager: 0, copyPoints: ['src/inventory.ts:10:33 ×2'] },
    'src/inventory.ts:16:10 structured-clone': { executions: 1, materialized: 0, eager: 1, copyPoints: [] },
    'test/snapshot.test.ts:7:18 array-spread': { executions: 1, materialized: 0, eager: 1, copyPoints: [] },
  },
  // The shelf's copy (200 items) is shared until restock writes it; the other copies are smaller
  // than a view: eager, private from the start, in cow mode as observe mode predicts.
  cow: {
    'src/inventory.ts:8:16 array-slice': { executions: 3, materialized: 2, eager: 0, copyPoints: ['src/inventory.ts:10:19 ×2'] },
    'src/inventory.ts:10:33 object-spread': { executions: 2, materialized: 2, eager: 0, copyPoints: ['src/inventory.ts:10:33 ×2'] },
    'src/inventory.ts:16:10 structured-clone': { executions: 1, materialized: 0, eager: 1, copyPoints: [] },
    'test/snapshot.test.ts:7:18 array-spread': { executions: 1, materialized: 0, eager: 1, copyPoints: [] },
  },
};

/**
 * With COWLENS_FIXTURE_FAIL a test fails on a line holding a copy: vitest's output, its stack
 * trace into the .ts source and its exit status must be plain vitest's, in both modes.
 */
export function expectFailingRunPassesThrough(vitest: string, suite: string): void {
  const env = { COWLENS_FIXTURE_FAIL: '1', NO_COLOR: '1' };
  const plain = plainNode([vitest, 'run'], { cwd: suite, env });
  expect(plain.status).toBe(1);
  expect(plain.stderr).toContain('test/snapshot.test.ts:15:42');
  for (const mode of ['observe', 'cow'] as const) {
    const run = reportOf(['node', vitest, 'run'], { mode, cwd: suite, env });
    expect(run.status, mode).toBe(1);
    expect(linesOf(run.stdout), mode).toEqual(linesOf(plain.stdout));
    const stderr = splitCowlensLine(run.stderr);
    expect(linesOf(stderr.runner), mode).toEqual(linesOf(plain.stderr));
    expect(stderr.cowlens, mode).toMatch(/^cowlens: 5 copy sites, 9 copies, \d+ written, \d+ eager; json report written to /);
    expect(run.report, mode).toMatchObject({ exitCode: 1, complete: true });
    expect(sitesOf(run.report), mode).toMatchObject({
      'src/inventory.ts:16:10 structured-clone': { executions: 2 },
      'test/snapshot.test.ts:15:10 object-spread': { executions: 1 },
    });
  }
}

/** A stand-in vitest of another major: its entry imports `vite` and prints what the call returns. */
export interface StandInVitest {
  readonly version: string;
  /** The entry, under node_modules/vitest: where that major's CLI imports vite from. */
  readonly entry: string;
  readonly viteVersion: string;
  /** The vite export the entry calls, with `{}`. */
  readonly viteExport: string;
}

/**
 * cowlens leaves a vitest it does not support alone: its vite runs as written (the program's
 * output is vite's own), and cowlens says on stderr that the test files run uninstrumented.
 */
export function expectUnsupportedVitestLeftAlone(standIn: StandInVitest): void {
  const dir = mkdtempSync(join(tmpdir(), 'cowlens-other-vitest-'));
  const write = (path: string, text: string): void => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  const entry = `node_modules/vitest/${standIn.entry}`;
  write('node_modules/vitest/package.json', `{ "name": "vitest", "version": "${standIn.version}", "type": "module" }`);
  write(entry, `import { ${standIn.viteExport} } from 'vite';\nconsole.log(${standIn.viteExport}({}));\n`);
  write('node_modules/vite/package.json', `{ "name": "vite", "version": "${standIn.viteVersion}", "type": "module", "main": "index.js" }`);
  write('node_modules/vite/index.js', `export const ${standIn.viteExport} = (config) => \`vite's own ${standIn.viteExport} of \${JSON.stringify(config)}\`;\n`);
  const run = reportOf(['node', entry], { cwd: dir });
  expect(run.status, run.stderr).toBe(0);
  expect(run.stdout).toBe(`vite's own ${standIn.viteExport} of {}\n`);
  expect(run.stderr).toContain(
    `cowlens: warning: vitest ${standIn.version} is not supported (cowlens instruments the test files of vitest 4.1 or a later 4.x, or vitest 5): its test files run uninstrumented`,
  );
}
