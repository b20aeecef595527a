/**
 * The type-check oracle: a transformer that type-checks what it is given (ts-jest) sees the
 * instrumented text, so instrumented TypeScript must give exactly the diagnostics the original
 * gives. Checked on real TypeScript: this project's own server and client, and the fixtures,
 * each under its own tsconfig, every file instrumented at once.
 */
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { instrumentSource } from '../../src/instrument/instrument-source.js';
import { REPO } from '../cli/run-cowlens.js';

interface Project {
  readonly name: string;
  readonly tsconfig: string;
  /** Root files to use instead of the tsconfig's (the fixtures have no tsconfig of their own). */
  readonly files?: readonly string[];
}

const FIXTURE_FILES = [
  'test-fixtures/reducer/main.ts',
  'test-fixtures/defensive-getter/main.ts',
  'test-fixtures/cli/ts-app/rows.ts',
  'test-fixtures/cli/ts-app/main.ts',
  'test-fixtures/runners/vitest-suite/src/inventory.ts',
  'test-fixtures/runners/vitest-suite/test/restock.test.ts',
  'test-fixtures/runners/vitest-suite/test/snapshot.test.ts',
  'test-fixtures/editor-tour/main.ts',
  'test-fixtures/real-code-styles/ended-by-types-no-semicolons.ts',
].map((file) => join(REPO, file));

const PROJECTS: readonly Project[] = [
  { name: 'the server', tsconfig: 'server/tsconfig.json' },
  { name: 'the client', tsconfig: 'client/tsconfig.json' },
  { name: 'the ts-jest fixture', tsconfig: 'test-fixtures/runners/ts-jest-suite/tsconfig.json' },
  { name: 'the fixtures', tsconfig: 'tsconfig.base.json', files: FIXTURE_FILES },
];

function parsedConfig(project: Project): ts.ParsedCommandLine {
  const parsed = ts.getParsedCommandLineOfConfigFile(join(REPO, project.tsconfig), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n')); } });
  if (!parsed) throw new Error(`cannot read ${project.tsconfig}`);
  // Only the diagnostics matter: no emit, no build info, whatever the tsconfig says.
  return { ...parsed, options: { ...parsed.options, noEmit: true, composite: false, incremental: false, declaration: false }, fileNames: project.files ? [...project.files] : parsed.fileNames };
}

/** Every diagnostic of the root files, as `file:line TScode message`: columns move with the edits, lines never do. */
function diagnosticsOf(config: ts.ParsedCommandLine, textOf: (file: string) => string | undefined): string[] {
  const disk = ts.createCompilerHost(config.options);
  const host: ts.CompilerHost = {
    ...disk,
    getSourceFile: (name, language, ...rest) => {
      const text = textOf(name);
      return text === undefined ? disk.getSourceFile(name, language, ...rest) : ts.createSourceFile(name, text, language);
    },
    readFile: (name) => textOf(name) ?? disk.readFile(name),
  };
  const program = ts.createProgram(config.fileNames, config.options, host);
  const roots = new Set(config.fileNames.map((f) => ts.sys.resolvePath(f)));
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file === undefined || roots.has(ts.sys.resolvePath(d.file.fileName)))
    .map((d) => {
      const where = d.file && d.start !== undefined ? `${d.file.fileName.slice(REPO.length)}:${String(d.file.getLineAndCharacterOfPosition(d.start).line + 1)}` : '(global)';
      return `${where} TS${String(d.code)} ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
    })
    .sort();
}

const isSource = (file: string): boolean => /\.(c|m)?tsx?$/.test(file) && !/\.d\.(c|m)?ts$/.test(file);

/**
 * Writes through references a type-checker narrows, at every depth and by every form of write:
 * each write narrows (or widens) what the lines after it read, and a few lines are errors as
 * written (a widened read, `undefined` where `exactOptionalPropertyTypes` forbids it), which the
 * instrumented text must give too.
 */
const NARROWING = `type Box = { o: { n?: number; s?: string; seen?: Set<string>; m?: Map<string, number>; list?: number[]; f?: () => number } };
export function remember(t: { o: { seen?: Set<string> } }, key: string) {
  t.o.seen = t.o.seen ?? new Set();
  t.o.seen.add(key);
  return t.o.seen.size;
}
export function depths(a: Box, b: { x: Box }, c: { y: { x: Box } }, d: { z: { y: { x: Box } } }) {
  a.o.n = 1; b.x.o.n = 1; c.y.x.o.n = 1; d.z.y.x.o.n = 1;
  return a.o.n + b.x.o.n + c.y.x.o.n + d.z.y.x.o.n;
}
export function forms(t: { a: Box }) {
  t.a.o.n = 0;
  t.a.o.n += 2;
  t.a.o.n *= 3;
  --t.a.o.n;
  t.a.o.n++;
  const n: number = t.a.o.n;
  t.a.o.s ||= 'x';
  t.a.o.s.length;
  t.a.o.n &&= 2;
  t.a.o.m ??= new Map();
  t.a.o.m.set('k', n);
  t.a.o.m.delete('k');
  t.a.o.list = [];
  t.a.o.list.push(1, n);
  t.a.o.list.splice(0, 1);
  t.a.o.seen = new Set();
  t.a.o.seen.add('k');
  t.a.o.f = () => 1;
  return t.a.o.f() + t.a.o.list.length + t.a.o.m.size + t.a.o.seen.size;
}
export function widened(t: { a: { b: Box } }) {
  t.a.b.o.n = 1;
  delete t.a.b.o.n;
  t.a.b.o.n.toFixed();
  t.a.b.o.s = 's';
  t.a.b.o.s = undefined;
  return t.a.b.o.s.length;
}
export function roots(t: { a: Record<string, Box | undefined>; b?: Box }, k: string) {
  let o: { n?: number } = {};
  o.n = 1;
  o.n++;
  t.a[k] = { o: {} };
  t.a[k].o.n = 1;
  t.a['x'] = { o: {} };
  t.a['x'].o.list = [];
  t.a['x'].o.list.push(1);
  t.b!.o.n = 1;
  const r = o.n + t.a[k].o.n + t.a['x'].o.list.length + t.b!.o.n;
  o = {};
  return r;
}
export class Holder {
  #o: { n?: number } = {};
  p: { q: { n?: number } } = { q: {} };
  get g(): { n?: number } { return this.#o; }
  run() {
    this.#o.n = 1;
    this.p.q.n = 1;
    this.p.q.n++;
    this.g.n = 2;
    return this.#o.n + this.p.q.n + this.g.n;
  }
}
export class Child extends Holder {
  go() { super.g.n = 3; return super.g.n.toFixed(); }
}
export async function held(xs: Box[], i: number, get: () => Box, k: () => 'n' | 's') {
  get().o.n = xs.length;
  xs[i++]!.o.list ??= xs.map((b) => b.o.n ?? 0);
  get().o.n = (get().o.n ?? 0) + xs.length;
  get().o.s ||= String(i);
  delete get().o[k()];
  get().o.list!.push(xs.length);
  get().o.n = await Promise.resolve(i);
  get().o.m ??= await Promise.resolve(new Map<string, number>());
  return get().o.n;
}
type Chained = { o: { list: number[]; m: Map<string, number>; n?: number } };
export async function chained(t: { a?: Chained; b: Chained | undefined }, self: { x?: Chained }, sure: Chained, k: 'list') {
  const pushed: number | undefined = t.a?.o.list.push(1);
  const length: number = sure?.o.list.push(2);
  t.a?.o.m.set('k', 1).clear();
  delete t.a?.o.n;
  self.x?.o[k].push(await Promise.resolve(3));
  const popped = t.b?.o.list.pop();
  if (t.a?.o.list.sort().length) t.a.o.list.push(length);
  return (pushed ?? 0) + (popped ?? 0) + length;
}
`;

/** The strictest flags projects use, each of which instrumented code must pass as the original does. */
const STRICT: ts.CompilerOptions = {
  strict: true,
  noImplicitAny: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  noUnusedLocals: true,
  noUnusedParameters: true,
  noImplicitReturns: true,
  noPropertyAccessFromIndexSignature: true,
  noEmit: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
};

describe('type-check oracle: writes through narrowed references, and script files, strict', () => {
  it('narrow and widen as written, at every depth, by every form of write', () => {
    const file = join(REPO, 'virtual/narrowing.ts');
    const config: ts.ParsedCommandLine = { options: STRICT, fileNames: [file], errors: [] };
    const result = instrumentSource(file, NARROWING);
    const original = diagnosticsOf(config, (name) => (name === file ? NARROWING : undefined));
    const after = diagnosticsOf(config, (name) => (name === file ? result.code : undefined));
    expect(result.writes).toBeGreaterThan(35);
    // Writes whose object cannot be read again: held until their value, or carried across its `await`.
    for (const method of ['hold', 'release', 'settle', 'carry']) expect(result.code).toContain(`__cl$i().${method}(`);
    expect(original.map((d) => d.replace(/^\S+:/, ''))).toEqual([
      '35 TS18048 \'t.a.b.o.n\' is possibly \'undefined\'.',
      expect.stringMatching(/^37 TS2412 /),
      '38 TS18048 \'t.a.b.o.s\' is possibly \'undefined\'.',
    ]);
    expect(after).toEqual(original);
  });

  it('script files (no import or export), whose top-level names, cowlens’s bindings among them, are global, checked together', () => {
    const scripts = new Map([
      [join(REPO, 'virtual/first.ts'), 'const shelf: number[] = [1, 2];\nconst copy = [...shelf];\nconst box: { o: { n?: number } } = { o: {} };\nbox.o.n = copy.length;\nconsole.log(box.o.n.toFixed());\n'],
      [join(REPO, 'virtual/second.ts'), 'const rows = new Map<string, number[]>([["a", [1]]]);\nconst again = new Map(rows);\nagain.get("a")?.push(2);\nconsole.log({ ...Object.fromEntries(again) });\n'],
    ]);
    const config: ts.ParsedCommandLine = { options: STRICT, fileNames: [...scripts.keys()], errors: [] };
    const instrumented = new Map([...scripts].map(([file, text]) => [file, instrumentSource(file, text)]));
    expect([...instrumented.values()].every((r) => r.sites > 0)).toBe(true);
    expect(diagnosticsOf(config, (name) => scripts.get(name))).toEqual([]);
    expect(diagnosticsOf(config, (name) => instrumented.get(name)?.code)).toEqual([]);
  });
});

describe('type-check oracle: instrumented TypeScript gives the diagnostics the original gives', () => {
  for (const project of PROJECTS) {
    it(`${project.name} (${project.tsconfig})`, () => {
      const config = parsedConfig(project);
      const sources = config.fileNames.filter(isSource);
      const instrumented = new Map<string, string>();
      let edits = 0;
      for (const file of sources) {
        const text = ts.sys.readFile(file)!;
        const result = instrumentSource(file, text);
        edits += result.sites + result.writes;
        instrumented.set(ts.sys.resolvePath(file), result.code);
      }
      const original = diagnosticsOf(config, () => undefined);
      const after = diagnosticsOf(config, (file) => instrumented.get(ts.sys.resolvePath(file)));
      console.log(`${project.name}: ${String(sources.length)} files, ${String(edits)} sites and writes, ${String(original.length)} diagnostics as written`);
      expect(edits).toBeGreaterThan(0);
      expect(after).toEqual(original);
    }, 180_000);
  }
});
