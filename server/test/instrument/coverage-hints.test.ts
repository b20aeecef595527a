/**
 * istanbul (nyc, jest's and vitest's `--coverage` with its istanbul provider, nyc's `--all`
 * baseline) instruments the text it is handed, which under cowlens is cowlens's. What cowlens
 * adds must count for nothing: every statement of its own carries istanbul's ignore hint, and
 * none of its additions is an operand of `&&`, which istanbul counts as a branch whatever its
 * hints say. The real istanbul instrumenter counts the same statements, branches and functions
 * in the instrumented module as in the module as written.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { instrumentSource } from '../../src/instrument/instrument-source.js';

/** What the test uses of istanbul-lib-instrument (jest's, through babel-plugin-istanbul), which ships no types. */
interface IstanbulInstrumenter {
  instrumentSync(code: string, file: string): string;
  lastFileCoverage(): {
    readonly statementMap: Record<string, unknown>;
    readonly branchMap: Record<string, { readonly locations: readonly unknown[] }>;
    readonly fnMap: Record<string, unknown>;
  };
}

const { createInstrumenter } = createRequire(import.meta.url)('istanbul-lib-instrument') as {
  createInstrumenter: (options: { esModules: boolean }) => IstanbulInstrumenter;
};

const FILE = '/project/src/show.js';
/** Calls into a package in every form cowlens lends to one, copies, and branches of the program's own. */
const TEXT = [
  "import inspect from 'object-inspect';",
  "import lib from 'pkg';",
  'export function show(x, seen) {',
  '  const o = { x, tags: [...(seen ?? [])] };',
  '  lib.f(o);',
  '  lib.h();',
  "  const shown = seen && seen.length > 0 ? inspect(o) : lib.g(o);",
  "  return inspect(x) + (shown || '!');",
  '}',
  '',
].join('\n');

interface Counts {
  readonly statements: number;
  readonly branches: number;
  readonly branchLocations: number;
  readonly functions: number;
}

function istanbulCounts(code: string): Counts {
  const instrumenter = createInstrumenter({ esModules: true });
  instrumenter.instrumentSync(code, FILE);
  const coverage = instrumenter.lastFileCoverage();
  const branches = Object.values(coverage.branchMap);
  return {
    statements: Object.keys(coverage.statementMap).length,
    branches: branches.length,
    branchLocations: branches.reduce((sum, branch) => sum + branch.locations.length, 0),
    functions: Object.keys(coverage.fnMap).length,
  };
}

describe("istanbul counts none of cowlens's additions", () => {
  it('the instrumented module has the statements, branches and functions of the module as written', () => {
    const { code } = instrumentSource(FILE, TEXT);
    // Each form of lending is there: a statement before the call, one after it, and one inside an
    // expression; and each form of telling that a call returned: a statement after it, and a wrap.
    const unmarked = code.replace(/\/\*cl\$[<>][^*]*\*\//g, '');
    expect(unmarked).toContain('__cl$i().lent(__cl$l[0], o); lib.f(o); /* istanbul ignore next */__cl$i().callReturned(__cl$l[0]);');
    expect(unmarked).toContain('lib.h(); /* istanbul ignore next */__cl$i().lent(__cl$l[1]);');
    expect(unmarked).toContain('return (__cl$i().lent(__cl$l[4], x), __cl$i().returned(inspect(x), __cl$l[4]))');
    const plain = istanbulCounts(TEXT);
    expect(plain).toEqual({ statements: 5, branches: 4, branchLocations: 8, functions: 1 });
    expect(istanbulCounts(code)).toEqual(plain);
  });
});
