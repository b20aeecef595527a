/**
 * Instrumented TypeScript must type-check as the module did: ts-jest and other transformers that
 * check what they are given see the instrumented text, under the project's own strictness.
 */
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { instrumentSource } from '../../src/instrument/instrument-source.js';
import { REPO } from '../cli/run-cowlens.js';

const OPTIONS: ts.CompilerOptions = {
  strict: true,
  noUnusedLocals: true,
  noUnusedParameters: true,
  noImplicitReturns: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  types: ['node'],
  skipLibCheck: true,
  noEmit: true,
};

/** The type errors of `file` with `text` as its content (the files it imports as they are). */
function typeErrors(file: string, text: string): string[] {
  const disk = ts.createCompilerHost(OPTIONS);
  const host: ts.CompilerHost = {
    ...disk,
    getSourceFile: (name, language, ...rest) => (name === file ? ts.createSourceFile(name, text, language) : disk.getSourceFile(name, language, ...rest)),
    fileExists: (name) => name === file || disk.fileExists(name),
    readFile: (name) => (name === file ? text : disk.readFile(name)),
  };
  const program = ts.createProgram([file], OPTIONS, host);
  return ts
    .getPreEmitDiagnostics(program, program.getSourceFile(file))
    .map((d) => `TS${String(d.code)} ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`)
    .sort();
}

/** Every copy kind, writes and hand-overs to packages, each result used through its type. */
const EVERY_KIND = `import { clone, cloneDeep } from 'lodash';

interface Item { readonly name: string; count: number }

export function every(items: readonly Item[], pair: readonly [number, string], m: Map<string, Item>, s: Set<number>, bytes: Uint8Array, state: { a: number; b: string; c: boolean }) {
  const a = [...items];
  a.push({ name: 'x', count: 1 });
  const t: [number, string] = [...pair];
  const o = { ...state };
  o.a += 1;
  const { a: first, ...rest } = state;
  const r: { b: string; c: boolean } = rest;
  const sl = items.slice(1).map((i) => i.count);
  const cc = items.concat(a).filter((i) => i.name !== '');
  const f = Array.from(s, (n) => n * 2);
  const f2 = Array.from(m.values()).map((i) => i.name);
  const as = Object.assign({}, state, { d: 1 });
  as.d += as.a;
  const sc = structuredClone(state);
  const j = JSON.parse(JSON.stringify(state)) as typeof state;
  const mm = new Map(m);
  const ss = new Set(s);
  const ta = new Uint8Array(bytes);
  ta[0] = 1;
  const bb = Buffer.from(bytes);
  const lc = clone(state).a + (cloneDeep(items)[0]?.count ?? 0);
  const eager = { ...state, a: 2 };
  const both = [...items, ...a];
  const { port1 } = new MessageChannel();
  port1.postMessage(o);
  port1.close();
  return [t, first, r, sl, cc, f, f2, as, sc.b.toUpperCase(), j, mm.get('k')?.count, ss.has(1), ta, bb.length, lc, eager, both];
}
`;

describe('instrumented TypeScript type-checks as the module did', () => {
  const sample = (name: string, text: string) => ({ file: join(REPO, 'server/test/instrument', name), text });
  const cases = [
    sample('every-kind.ts', EVERY_KIND),
    sample('writes-only.ts', 'export function grow(xs: number[]): number {\n  return xs.push(1);\n}\n'),
    sample('sites-only.ts', 'export const copy = (xs: readonly string[]): string[] => [...xs].map((x) => x.trim());\n'),
    // Assignment narrowing: after `h.m = …`, `h.m` is the assigned type, so the target keeps its syntax.
    sample(
      'narrowing.ts',
      'interface Holder { m?: Map<string, number>; list?: number[]; n?: number }\n' +
        'export function put(h: Holder, k: string, v: number): number {\n  h.m = h.m ?? new Map();\n  h.m.set(k, v);\n' +
        '  h.list ??= [];\n  h.list.push(v);\n  h.n = 1;\n  h.n += h.m.size;\n  return h.m.size + h.list.length + h.n;\n}\n',
    ),
    // Evolving arrays: `[]` with no type is typed by what is pushed into it, and no other mention may come first.
    sample(
      'evolving.ts',
      'export function collect(n: number): number[] {\n  const out = [];\n  for (let i = 0; i < n; i++) out.push(i);\n' +
        '  const copy = [...out];\n  out[0] = 5;\n  let later;\n  later = [];\n  later.push(2);\n  return copy.concat(out, later);\n}\n',
    ),
  ];
  for (const { file, text } of cases) {
    it(`${file.slice(file.lastIndexOf('/') + 1)}, strict, noUnusedLocals and the like`, () => {
      expect(typeErrors(file, text)).toEqual([]);
      const instrumented = instrumentSource(file, text);
      expect(instrumented.sites + instrumented.writes).toBeGreaterThan(0);
      expect(typeErrors(file, instrumented.code)).toEqual([]);
    });
  }

  it('a // @ts-nocheck on the first line still switches the checker off', () => {
    const file = join(REPO, 'server/test/instrument/nocheck.ts');
    const text = '// @ts-nocheck\nexport const n: number = "not a number";\nexport const copy = { ...{ n } };\ncopy.n = 2;\n';
    const instrumented = instrumentSource(file, text);
    expect(instrumented.sites).toBe(1);
    expect(instrumented.code.split('\n').slice(0, 2)).toEqual(text.split('\n').slice(0, 2));
    expect(typeErrors(file, instrumented.code)).toEqual([]);
  });

  it('the TypeScript of the runner fixtures', () => {
    for (const path of ['test-fixtures/runners/vitest-suite/src/inventory.ts', 'test-fixtures/runners/vitest-suite/test/snapshot.test.ts', 'test-fixtures/cli/ts-app/rows.ts']) {
      const file = join(REPO, path);
      const text = ts.sys.readFile(file)!;
      expect(typeErrors(file, instrumentSource(file, text).code), path).toEqual(typeErrors(file, text));
    }
  });
});
