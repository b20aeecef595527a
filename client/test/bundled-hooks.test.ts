import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { PACKAGED_SERVER } from './packaged-server.js';

/**
 * The preload a run puts into NODE_OPTIONS, from the bundle: it must instrument ES modules
 * (hooks thread), TypeScript (type stripping) and CommonJS (the synckit transform worker) from its
 * own files alone, the way the language server starts a run's processes.
 */
describe('the bundled run preload', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cowlens-bundled-'));
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('instruments ESM, TypeScript and CommonJS and spools their figures', () => {
    const spool = join(dir, 'spool');
    mkdirSync(spool);
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
    writeFileSync(
      join(dir, 'main.mjs'),
      [
        "import { createRequire } from 'node:module';",
        "import { grow } from './grow.ts';",
        "const { twice } = createRequire(import.meta.url)('./twice.cjs');",
        'const state = { items: [1, 2, 3], meta: { v: 1 } };',
        'const snapshots = [];',
        'for (let i = 0; i < 5; i++) snapshots.push({ ...state });',
        'snapshots[0].meta = { v: 2 };',
        'console.log(JSON.stringify([grow([1, 2]), twice([3]), snapshots.length, state.meta.v]));',
        '',
      ].join('\n'),
    );
    writeFileSync(join(dir, 'grow.ts'), 'export function grow(xs: number[]): number[] {\n  const ys: number[] = [...xs];\n  ys.push(ys.length);\n  return ys;\n}\n');
    writeFileSync(join(dir, 'twice.cjs'), 'exports.twice = function twice(xs) {\n  const ys = xs.slice();\n  ys.push(...xs);\n  return ys;\n};\n');
    const preload = join(PACKAGED_SERVER, 'dist/instrument/hooks/preload.cjs');
    const result = spawnSync(process.execPath, ['main.mjs'], {
      cwd: dir,
      encoding: 'utf8',
      // What run-config.ts's runConfigEnv gives every process of a run.
      env: { ...process.env, NODE_OPTIONS: `--require=${JSON.stringify(preload)}`, COWLENS_SPOOL: spool, COWLENS_MODE: 'cow', COWLENS_ROOT: dir, COWLENS_ONLY: '[]', COWLENS_INCLUDE: '[]', COWLENS_EXCLUDE: '[]' },
    });
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('[[1,2,2],[3,3],5,1]\n');

    const records = readdirSync(spool).flatMap((file) =>
      readFileSync(join(spool, file), 'utf8')
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as { type: string; batch?: { sites: { file: string; kind: string }[]; figures: { executions: number; materialized: number }[] } }),
    );
    expect(records.filter((r) => r.type === 'diagnostic')).toEqual([]);
    const sites = records.flatMap((r) => r.batch?.sites ?? []).map((s) => `${basename(s.file)} ${s.kind}`);
    expect(new Set(sites)).toEqual(new Set(['main.mjs object-spread', 'grow.ts array-spread', 'twice.cjs array-slice']));
    const figures = records.flatMap((r) => r.batch?.figures ?? []);
    expect(figures.reduce((sum, f) => sum + f.executions, 0)).toBeGreaterThanOrEqual(7);
  });

  /** Runs a test runner on a suite of test-fixtures/runners with the bundled preload; the sites its spool got (every site of an instrumented module, run or not). */
  const runnerSites = (suiteName: string, args: readonly string[]): Set<string> => {
    const spool = join(dir, `${suiteName}-spool`);
    mkdirSync(spool);
    const root = fileURLToPath(new URL('../..', import.meta.url));
    const suite = join(root, 'test-fixtures/runners', suiteName);
    const preload = join(PACKAGED_SERVER, 'dist/instrument/hooks/preload.cjs');
    const result = spawnSync(process.execPath, [join(root, args[0]!), ...args.slice(1)], {
      cwd: suite,
      encoding: 'utf8',
      env: { ...process.env, NODE_OPTIONS: `--require=${JSON.stringify(preload)}`, COWLENS_SPOOL: spool, COWLENS_MODE: 'observe', COWLENS_ROOT: suite, COWLENS_ONLY: '[]', COWLENS_INCLUDE: '[]', COWLENS_EXCLUDE: '[]' },
    });
    expect(result.status, result.stderr).toBe(0);
    return new Set(
      readdirSync(spool)
        .filter((file) => file.endsWith('.ndjson'))
        .flatMap((file) =>
          readFileSync(join(spool, file), 'utf8')
            .split('\n')
            .filter((line) => line !== '')
            .flatMap((line) => (JSON.parse(line) as { batch?: { sites: { file: string; kind: string }[] } }).batch?.sites ?? [])
            .map((site) => `${basename(site.file)} ${site.kind}`),
        ),
    );
  };

  it("hands vitest a vite with cowlens's plugin, from the bundle's own vite-plugin.js", () => {
    expect(runnerSites('vitest-suite', ['node_modules/vitest/vitest.mjs', 'run'])).toEqual(
      new Set(['inventory.ts array-slice', 'inventory.ts object-spread', 'inventory.ts structured-clone', 'snapshot.test.ts array-spread', 'snapshot.test.ts object-spread']),
    );
  });

  it("gives each jest test file's context a runtime of its own, from the bundle's runtime-cjs", () => {
    expect(runnerSites('jest-suite', ['node_modules/jest/bin/jest.js'])).toEqual(
      new Set(['inventory.js array-slice', 'inventory.js object-spread', 'inventory.js structured-clone', 'snapshot.test.js array-spread', 'snapshot.test.js object-spread']),
    );
  });
});
