/**
 * `cowlens report` over TypeScript run by the loaders users start it with: the built CLI runs
 * test-fixtures/runners/tsx-ts-node-suite (CommonJS TypeScript, node:test) through tsx, which
 * compiles each module with esbuild in its own require hook, and through ts-node's require hook,
 * which type-checks each module it compiles against the suite's strict tsconfig.json, registered
 * before cowlens's (`-r ts-node/register`) or after it (ts-node's bin).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { plainNode, REPO, reportOf } from './run-cowlens.js';
import { sitesOf } from './runner-reports.js';
import { expectFailingRunPassesThrough } from './runner-suites.js';
import { escapeRegExp } from './uninstrumented-runs.js';

const SUITE = join(REPO, 'test-fixtures/runners/tsx-ts-node-suite');
const TSX = join(REPO, 'node_modules/tsx/dist/cli.mjs');
const TS_NODE_BIN = join(REPO, 'node_modules/ts-node/dist/bin.js');
const FILES = ['test/restock.test.ts', 'test/snapshot.test.ts'];

const TSX_ARGS = [TSX, '--test', ...FILES];

/**
 * Node 24. There tsx compiles CommonJS TypeScript in its own module hooks, which run before cowlens's
 * and hand Node the compiled code: cowlens never sees those files, and says so.
 */
const TSX_PAST_COWLENS = Number(process.versions.node.split('.')[0]) >= 24;

const LOADERS: Record<string, readonly string[]> = {
  ...(TSX_PAST_COWLENS ? {} : { tsx: TSX_ARGS }),
  'ts-node': ['-r', 'ts-node/register', '--test', ...FILES],
};

// The sites at the lines and columns of the .ts as written, not of the loader's JavaScript.
const EXPECTED = {
  observe: {
    'src/inventory.ts:8:16 array-slice': { executions: 3, materialized: 2, eager: 0, copyPoints: ['src/inventory.ts:10:19 ×2'] },
    'src/inventory.ts:10:33 object-spread': { executions: 2, materialized: 2, eager: 0, copyPoints: ['src/inventory.ts:10:33 ×2'] },
    'src/inventory.ts:16:10 structured-clone': { executions: 1, materialized: 0, eager: 1, copyPoints: [] },
    'test/snapshot.test.ts:8:18 array-spread': { executions: 1, materialized: 0, eager: 1, copyPoints: [] },
  },
  // The shelf's copy (200 items) is shared until restock writes it; the other copies are smaller
  // than a view: eager, private from the start, in cow mode as observe mode predicts.
  cow: {
    'src/inventory.ts:8:16 array-slice': { executions: 3, materialized: 2, eager: 0, copyPoints: ['src/inventory.ts:10:19 ×2'] },
    'src/inventory.ts:10:33 object-spread': { executions: 2, materialized: 2, eager: 0, copyPoints: ['src/inventory.ts:10:33 ×2'] },
    'src/inventory.ts:16:10 structured-clone': { executions: 1, materialized: 0, eager: 1, copyPoints: [] },
    'test/snapshot.test.ts:8:18 array-spread': { executions: 1, materialized: 0, eager: 1, copyPoints: [] },
  },
};

describe('cowlens report -- TypeScript through tsx and ts-node', () => {
  for (const [loader, args] of Object.entries(LOADERS)) {
    for (const mode of ['observe', 'cow'] as const) {
      it(`${mode} mode, ${loader}: the sites are at their places in the .ts as written`, () => {
        const run = reportOf(['node', ...args], { mode, cwd: SUITE });
        expect(run.status, run.stderr).toBe(0);
        expect(run.stdout).toMatch(/^[#ℹ] pass 3$/m);
        expect(run.report).toMatchObject({ mode, exitCode: 0, complete: true, incomplete: [], diagnostics: [] });
        expect(sitesOf(run.report)).toEqual(EXPECTED[mode]);
      });
    }

    // Not yet on Node 24 under ts-node: the test file, the entry, runs as an ES module through
    // cowlens's hooks (hooks/register.ts), its frames named by URL; the figures are right.
    it.skipIf(loader === 'ts-node' && TSX_PAST_COWLENS)(`a failing test under ${loader}: the runner's output, its stack trace and its exit status pass through`, () => {
      expectFailingRunPassesThrough({
        args,
        cwd: SUITE,
        frame: 'test/snapshot.test.ts:',
        sites: { 'src/inventory.ts:16:10 structured-clone': { executions: 2 }, 'test/snapshot.test.ts:16:26 object-spread': { executions: 1 } },
      });
      // Three runs of the suite, which ts-node type-checks file by file: slow on a loaded machine.
    }, 180_000);
  }

  it.runIf(TSX_PAST_COWLENS)('tsx on Node 24: the test files it compiles past cowlens make the run incomplete, each process named with its files', () => {
    const run = reportOf(['node', ...TSX_ARGS], { cwd: SUITE });
    expect(run.status, run.stderr).toBe(0);
    expect(run.report.complete).toBe(false);
    expect(run.report.sites).toEqual([]);
    const reason = "that cowlens did not instrument: a loader of the program compiled them itself, past cowlens's require hook (esm's `-r esm`, or a hook that runs code through `vm`); their copies are not in this report";
    const [restock, snapshot, ...others] = [...run.report.incomplete].sort();
    expect(others).toEqual([]);
    for (const [name, said] of [['restock', restock], ['snapshot', snapshot]] as const) {
      expect(said).toMatch(new RegExp(String.raw`^process pid \d+ \(node test/${name}\.test\.ts\) ran 2 project files \(test/${name}\.test\.ts, src/inventory\.ts\) ${escapeRegExp(reason)}$`));
    }
    expect(run.stderr).toContain('(incomplete report)');
  });

  for (const mode of ['observe', 'cow'] as const) {
    it.skipIf(TSX_PAST_COWLENS)(`${mode} mode, ts-node's bin (\`ts-node test/snapshot.test.ts\`): it type-checks the instrumented TypeScript of the entry and what it requires`, () => {
      const run = reportOf(['node', TS_NODE_BIN, 'test/snapshot.test.ts'], { mode, cwd: SUITE });
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/^[#ℹ] pass 1$/m);
      expect(run.report).toMatchObject({ mode, exitCode: 0, complete: true, incomplete: [], diagnostics: [] });
      const { 'src/inventory.ts:16:10 structured-clone': cloned, 'test/snapshot.test.ts:8:18 array-spread': spread } = EXPECTED[mode];
      expect(sitesOf(run.report)).toEqual({ 'src/inventory.ts:16:10 structured-clone': cloned, 'test/snapshot.test.ts:8:18 array-spread': spread });
    }, 120_000);
  }

  it.skipIf(TSX_PAST_COWLENS)("ts-node's bin under a strict tsconfig: scripts with copies and a write narrowed through a nested reference run as written, checked together (--files); a type error fails as it does without cowlens", () => {
    const dir = mkdtempSync(join(tmpdir(), 'cowlens-ts-node-bin-'));
    const compilerOptions = { strict: true, noUnusedLocals: true, noUnusedParameters: true, noUncheckedIndexedAccess: true, exactOptionalPropertyTypes: true, target: 'ES2022', module: 'CommonJS', moduleResolution: 'Node10', ignoreDeprecations: '6.0', types: [] };
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions }));
    // Scripts (no import or export): their top-level names, cowlens's bindings among them, are
    // global, and `--files` has ts-node check both in one program.
    writeFileSync(
      join(dir, 'main.ts'),
      `declare const require: (id: string) => { n: number };
function remember(t: { o: { seen?: Set<string> } }, key: string): number {
  t.o.seen = t.o.seen ?? new Set();
  t.o.seen.add(key);
  return t.o.seen.size;
}
const shelf: number[] = [1, 2];
const copy = [...shelf];
console.log(copy.length, remember({ o: {} }, 'a'), require('./other').n);
`,
    );
    writeFileSync(join(dir, 'other.ts'), 'declare const module: { exports: unknown };\nconst list: number[] = [3];\nmodule.exports = { n: [...list].length };\n');
    writeFileSync(join(dir, 'typo.ts'), "const count: number = 'two';\nconsole.log(count);\nexport {};\n");
    const run = reportOf(['node', TS_NODE_BIN, '--files', 'main.ts'], { cwd: dir });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toBe('2 1 1\n');
    expect(run.report).toMatchObject({ exitCode: 0, complete: true, diagnostics: [] });
    expect(sitesOf(run.report)).toEqual({
      'main.ts:8:14 array-spread': { executions: 1, materialized: 0, eager: 1, copyPoints: [] },
      'other.ts:3:23 array-spread': { executions: 1, materialized: 0, eager: 1, copyPoints: [] },
    });
    const plain = plainNode([TS_NODE_BIN, 'typo.ts'], { cwd: dir });
    const typo = reportOf(['node', TS_NODE_BIN, 'typo.ts'], { cwd: dir });
    const diagnostic = "typo.ts(1,7): error TS2322: Type 'string' is not assignable to type 'number'.";
    expect(plain.stderr).toContain(diagnostic);
    expect({ status: typo.status, stdout: typo.stdout }).toEqual({ status: plain.status, stdout: plain.stdout });
    expect(typo.stderr).toContain(diagnostic);
  }, 120_000);

  it('npm test that runs ts-node', () => {
    const run = reportOf(['npm', 'test', '--silent'], { mode: 'cow', cwd: SUITE });
    expect(run.status, run.stderr).toBe(0);
    expect(sitesOf(run.report)).toEqual(EXPECTED.cow);
  });
});
