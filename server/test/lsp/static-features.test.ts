import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CodeAction,
  CodeActionRequest,
  type CodeLens,
  CodeLensRequest,
  type Hover,
  HoverRequest,
  type InlayHint,
  InlayHintRequest,
  type LogMessageParams,
  type MarkupContent,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { JSON_TO_STRUCTURED_CLONE } from '../../src/lsp/clone-differences.js';
import { labelOf, LspClient } from './lsp-client.js';

const DIR = mkdtempSync(join(tmpdir(), 'cowlens-lsp-'));
const WHOLE = { start: { line: 0, character: 0 }, end: { line: 100_000, character: 0 } };

const SOURCE = [
  'const state = { a: 1, b: [1, 2] };',
  'const copy = { ...state };',
  'const deep = JSON.parse(JSON.stringify(state));',
  'const merged = Object.assign({}, state);',
  'const make = () => Object.assign({}, state, copy);',
  'export { copy, deep, merged, make };',
].join('\n');

let client: LspClient;

beforeAll(async () => {
  client = await LspClient.start({ folders: [DIR] });
});
afterAll(async () => {
  await client.stop();
});

const hints = (uri: string): Promise<InlayHint[] | null> => client.connection.sendRequest(InlayHintRequest.type, { textDocument: { uri }, range: WHOLE });
const at = (line: number, character: number): { line: number; character: number } => ({ line, character });
const brief = (list: InlayHint[] | null): [number, number, string][] => (list ?? []).map((h) => [h.position.line, h.position.character, labelOf(h)]);

describe('the language server on documents, without a run', () => {
  it('says what it can do at initialize', () => {
    const { capabilities } = client.initializeResult;
    expect(capabilities.textDocumentSync).toEqual({ openClose: true, change: 2 });
    expect(capabilities.inlayHintProvider).toBe(true);
    expect(capabilities.hoverProvider).toBe(true);
    expect(capabilities.codeLensProvider).toEqual({ resolveProvider: false });
    expect(capabilities.codeActionProvider).toEqual({ codeActionKinds: ['quickfix'] });
    expect(client.initializeResult.serverInfo?.name).toBe('cowlens');
  });

  it('gives an inlay hint with the kind at the end of each copy expression', async () => {
    const uri = await client.open(join(DIR, 'hints.ts'), SOURCE);
    expect(brief(await hints(uri))).toEqual([
      [1, 25, '⧉ spread'],
      [2, 46, '⧉ deep copy (JSON)'],
      [3, 39, '⧉ assign'],
      [4, 49, '⧉ assign'],
    ]);
    const firstLineOnly = await client.connection.sendRequest(InlayHintRequest.type, { textDocument: { uri }, range: { start: at(1, 0), end: at(1, 30) } });
    expect(brief(firstLineOnly)).toEqual([[1, 25, '⧉ spread']]);
  });

  it('puts the hint of a copy that spans lines at the end of its first line, where its figures go', async () => {
    const uri = await client.open(join(DIR, 'multi-line.ts'), ['const base = { a: 1 };', 'const copy = {', '  ...base,', '  b: 2,', '};', 'const list = [...[1], 2];', 'export { copy, list };'].join('\n'));
    expect(brief(await hints(uri))).toEqual([
      [1, 14, '⧉ spread'],
      [5, 24, '⧉ spread'],
    ]);
  });

  it('moves and updates the hints after incremental edits', async () => {
    const uri = await client.open(join(DIR, 'edits.ts'), SOURCE);
    await client.change(uri, [
      { range: { start: at(0, 0), end: at(0, 0) }, text: '// a header line\n' },
      // Positions of the second change are in the text the first one left: `{ ...state }` is now on line 2.
      { range: { start: at(2, 13), end: at(2, 25) }, text: 'state.b.slice()' },
    ]);
    expect(brief(await hints(uri))).toEqual([
      [2, 28, '⧉ slice'],
      [3, 46, '⧉ deep copy (JSON)'],
      [4, 39, '⧉ assign'],
      [5, 49, '⧉ assign'],
    ]);
    await client.change(uri, [{ range: { start: at(3, 0), end: at(4, 0) }, text: '' }]);
    expect(brief(await hints(uri))).toEqual([
      [2, 28, '⧉ slice'],
      [3, 39, '⧉ assign'],
      [4, 49, '⧉ assign'],
    ]);
  });

  it('hovers a site with its kind, its cost and what to do', async () => {
    const uri = await client.open(join(DIR, 'hover.ts'), SOURCE);
    const hover = (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: at(2, 20) })) as Hover;
    const text = (hover.contents as MarkupContent).value;
    expect(text).toContain('`json-roundtrip`');
    expect(text).toContain('Deep copy: every execution duplicates the whole graph');
    expect(text).toContain('**What to do:** A JSON round trip deep-copies through a string');
    expect(text).not.toContain('Last run');
    expect(hover.range).toEqual({ start: at(2, 13), end: at(2, 46) });
    expect(await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: at(0, 3) })).toBeNull();
  });

  it('says a copy could share only where it is proved', async () => {
    const hoverAt = async (name: string, text: string): Promise<string> => {
      const uri = await client.open(join(DIR, name), text);
      return (((await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: at(1, 14) })) as Hover).contents as MarkupContent).value;
    };
    const proved = await hoverAt('proved.ts', 'const base = { a: 1 };\nconst copy = { ...base };\nconsole.log(copy.a);\nexport {};');
    expect(proved).toContain('Could share (proved)');
    const written = await hoverAt('written.ts', 'const base = { a: 1 };\nconst copy = { ...base };\nbase.a = 2;\nconsole.log(copy.a);\nexport {};');
    expect(written).toContain('`object-spread`');
    expect(written).not.toContain('Could share');
  });

  it('offers structuredClone for a JSON round trip, and a spread for Object.assign, with exact edits', async () => {
    const uri = await client.open(join(DIR, 'actions.ts'), SOURCE);
    const actionsAt = async (line: number, character: number): Promise<CodeAction[]> =>
      ((await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: { start: at(line, character), end: at(line, character) }, context: { diagnostics: [] } })) ?? []) as CodeAction[];
    const [json, ...moreJson] = await actionsAt(2, 20);
    expect(moreJson).toEqual([]);
    expect(json?.kind).toBe('quickfix');
    expect(json?.title).toMatch(/^Replace the JSON round trip with structuredClone \(faster; it keeps Dates, Maps, Sets, /);
    // `state` is typed plain data: the fix is the one to apply.
    expect(json?.isPreferred).toBe(true);
    expect(json?.edit?.changes?.[uri]).toEqual([{ range: { start: at(2, 13), end: at(2, 46) }, newText: 'structuredClone(state)' }]);
    const [assign] = await actionsAt(3, 20);
    expect(assign?.edit?.changes?.[uri]).toEqual([{ range: { start: at(3, 15), end: at(3, 39) }, newText: '{ ...state }' }]);
    // An arrow function's body would read a bare object literal as a block.
    const [arrow] = await actionsAt(4, 30);
    expect(arrow?.edit?.changes?.[uri]).toEqual([{ range: { start: at(4, 19), end: at(4, 49) }, newText: '({ ...state, ...copy })' }]);
    expect(await actionsAt(1, 16)).toEqual([]);
  });

  it('has no code lenses before a run', async () => {
    const uri = await client.open(join(DIR, 'lenses.ts'), SOURCE);
    expect(await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } })).toEqual([] as CodeLens[]);
  });
});

/** The text after applying single-line edits, last first. */
function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = text.split('\n');
  for (const { range, newText } of [...edits].sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character)) {
    const line = lines[range.start.line]!;
    lines[range.start.line] = line.slice(0, range.start.character) + newText + line.slice(range.end.character);
  }
  return lines.join('\n');
}

/** Runs a JavaScript module with node, its standard output and exit status. */
function runModule(code: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--input-type=module', '-'], { input: code, encoding: 'utf8', timeout: 20_000, env: { PATH: process.env.PATH } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

async function actionsOn(uri: string, line: number, character: number): Promise<CodeAction[]> {
  const range = { start: at(line, character), end: at(line, character) };
  return ((await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics: [] } })) ?? []) as CodeAction[];
}

/** A sample of each kind of value the JSON round trip's fix lists, as source text. */
const LISTED_SAMPLES: Readonly<Record<string, string>> = {
  Dates: 'new Date(0)',
  Maps: "new Map([['k', 1]])",
  Sets: 'new Set([1])',
  RegExps: '/a+/g',
  Errors: "new TypeError('bad')",
  'typed arrays, ArrayBuffers and DataViews': 'new Uint8Array([1, 2])',
  'boxed primitives': 'Object(1)',
  undefined: '{ a: undefined }',
  'NaN and ±Infinity': '[NaN, Infinity]',
  '-0': '-0',
  'holes of sparse arrays': '[, 1]',
  'named properties of arrays': 'Object.assign([1], { extra: 1 })',
  'shared references': '((s) => ({ a: s, b: s }))({ v: 1 })',
  'toJSON methods': 'new Money(150)',
  BigInts: '1n',
  cycles: '((o) => { o.self = o; return o; })({ v: 1 })',
  functions: '{ f() {} }',
  symbols: "[Symbol('s')]",
  Proxies: 'new Proxy({ v: 1 }, {})',
  'WeakMaps, WeakSets and Promises': 'new WeakMap()',
};

/** Kinds of value the two copy alike. */
const SAME_SAMPLES: Readonly<Record<string, string>> = {
  'plain data': "{ a: [1, 'x', true, null], b: { c: 2 } }",
  getters: '{ get g() { return 1; } }',
  'class instances': 'new Point(1, 2)',
  'null prototypes': 'Object.assign(Object.create(null), { v: 1 })',
  'symbol keys': "{ [Symbol('k')]: 1, v: 1 }",
};

const DESCRIBE = `
const describe = (v, seen = new Map()) => {
  if (v === null || typeof v !== 'object') return Object.is(v, -0) ? '-0' : typeof v === 'bigint' ? v + 'n' : typeof v + ':' + String(v);
  if (seen.has(v)) return '@' + seen.get(v);
  seen.set(v, seen.size);
  const inner = v instanceof Map || v instanceof Set ? [...v].map((e) => describe(e, seen)).join() : ArrayBuffer.isView(v) ? String([...new Uint8Array(v.buffer)]) : v instanceof Error ? v.message : String(v.valueOf?.() ?? '');
  const keys = Object.keys(v).map((k) => k + ':' + describe(v[k], seen));
  return Object.prototype.toString.call(v) + (Array.isArray(v) ? '#' + v.length : '') + '(' + inner + '){' + keys + '}';
};`;

describe('quick fixes that say everything they change', () => {
  it('names every kind of value the JSON round trip and structuredClone copy differently, and changes exactly those', async () => {
    expect(Object.keys(LISTED_SAMPLES).toSorted()).toEqual(JSON_TO_STRUCTURED_CLONE.map((d) => d.kind).toSorted());
    const samples = { ...LISTED_SAMPLES, ...SAME_SAMPLES };
    const program = [
      'const copy = (v) => JSON.parse(JSON.stringify(v));',
      "class Money { constructor(cents) { this.cents = cents; } toJSON() { return this.cents / 100 + ' EUR'; } }",
      'class Point { constructor(x, y) { this.x = x; this.y = y; } get length() { return Math.hypot(this.x, this.y); } }',
      DESCRIBE,
      `const samples = [${Object.entries(samples).map(([kind, value]) => `[${JSON.stringify(kind)}, () => (${value})]`).join(', ')}];`,
      "for (const [kind, make] of samples) { let out; try { out = describe(copy(make())); } catch (e) { out = 'throws ' + e.name; } console.log(kind + '\\t' + out); }",
    ].join('\n');
    const uri = await client.open(join(DIR, 'every-kind.mjs'), program, 'javascript');
    const [fix, ...more] = await actionsOn(uri, 0, 25);
    expect(more).toEqual([]);
    for (const { kind } of JSON_TO_STRUCTURED_CLONE) expect(fix?.title).toContain(kind);
    // Nothing proves `v` plain data: the fix is offered, not preferred.
    expect(fix?.isPreferred).toBe(false);
    const fixed = applyEdits(program, fix?.edit?.changes?.[uri] ?? []);
    expect(fixed.split('\n')[0]).toBe('const copy = (v) => structuredClone(v);');
    const outputs = (code: string): Map<string, string> => {
      const run = runModule(code);
      expect(run.stderr).toBe('');
      return new Map(run.stdout.trimEnd().split('\n').map((line) => line.split('\t') as [string, string]));
    };
    const before = outputs(program);
    const after = outputs(fixed);
    for (const kind of Object.keys(LISTED_SAMPLES)) expect(after.get(kind), kind).not.toBe(before.get(kind));
    for (const kind of Object.keys(SAME_SAMPLES)) expect(after.get(kind), kind).toBe(before.get(kind));
  });

  it('prefers structuredClone only where the types prove plain data, and offers nothing where structuredClone is not the global', async () => {
    const uri = await client.open(
      join(DIR, 'preferred.ts'),
      [
        'const plain: { id: number; tags: string[] } = { id: 1, tags: [] };',
        'export const a = JSON.parse(JSON.stringify(plain));',
        'const when: { at: Date } = { at: new Date() };',
        'export const b = JSON.parse(JSON.stringify(when));',
        'export function c(v: any) { return JSON.parse(JSON.stringify(v)); }',
        'export function d(structuredClone: (v: unknown) => unknown) { return [structuredClone, JSON.parse(JSON.stringify(plain))]; }',
      ].join('\n'),
    );
    expect((await actionsOn(uri, 1, 20)).map((a) => a.isPreferred)).toEqual([true]);
    expect((await actionsOn(uri, 3, 20)).map((a) => a.isPreferred)).toEqual([false]);
    expect((await actionsOn(uri, 4, 40)).map((a) => a.isPreferred)).toEqual([false]);
    expect(await actionsOn(uri, 5, 90)).toEqual([]);
  });

  it('offers a spread for Object.assign only where nothing can tell the two apart', async () => {
    const lines = [
      'const opts: { a: number; b?: number } = { a: 1 };',
      'const cfg = { db: { host: "h", port: 1 } };',
      'function normalize(o: { a: number; b?: number }) { o.a = 2; return { b: 3 }; }',
      'const withGetter = { get a() { return 1; } };',
      'const record: Record<string, number> = JSON.parse("{}");',
      'export const plain = Object.assign({}, opts, cfg.db);',
      'export const called = Object.assign({}, opts, normalize(opts));',
      'export const getter = Object.assign({}, withGetter);',
      'export const anyKeys = Object.assign({}, record);',
      'export function untyped(x: any) { return Object.assign({}, x); }',
    ];
    const uri = await client.open(join(DIR, 'assign.ts'), lines.join('\n'));
    const [plain] = await actionsOn(uri, 5, 30);
    expect(plain?.title).toMatch(/^Replace Object\.assign\(\{\}, …\) with an object spread \(the same shallow copy of plain data; .*setter .*Object\.prototype/);
    expect(plain?.edit?.changes?.[uri]).toEqual([{ range: { start: at(5, 21), end: at(5, 52) }, newText: '{ ...opts, ...cfg.db }' }]);
    for (const line of [6, 7, 8, 9]) expect(await actionsOn(uri, line, lines[line]!.indexOf('Object.assign') + 3), lines[line]).toEqual([]);
  });

  it('withholds the spread where it really would change the result', () => {
    // Each of the cases the server offers nothing for, run both ways: the outputs differ.
    const cases = [
      ['an argument with effects', 'const opts = { a: 1 }; const normalize = (o) => { o.a = 2; return {}; };', 'Object.assign({}, opts, normalize(opts))', '{ ...opts, ...normalize(opts) }'],
      ['a getter that reassigns a later source', 'let later = { b: 1 }; const first = { get a() { later = { b: 2 }; return 1; } };', 'Object.assign({}, first, later)', '{ ...first, ...later }'],
      ['a "__proto__" key, which Object.assign sets through the setter', 'const parsed = JSON.parse(\'{"__proto__": {"x": 1}}\');', 'Object.assign({}, parsed)', '{ ...parsed }'],
    ] as const;
    for (const [name, setup, assign, spread] of cases) {
      const run = (copy: string): string => runModule(`${setup}\nconst r = ${copy};\nconsole.log(JSON.stringify(r), r.x, Object.keys(r).join());`).stdout;
      expect(run(spread), name).not.toBe(run(assign));
    }
  });
});

describe('the language server on broken input', () => {
  it('still finds the sites of a file with syntax errors', async () => {
    const uri = await client.open(join(DIR, 'broken.ts'), 'const a = { ...b };\nconst c = [...d;\nfunction (');
    expect(brief(await hints(uri))).toContainEqual([0, 18, '⧉ spread']);
  });

  it('skips binary and huge documents with one log line each, and goes on answering', async () => {
    const binary = await client.openUri('file:///nowhere/blob.js', 'const a = { ...b };\0\0\u0001\0', 'javascript');
    expect(await hints(binary)).toEqual([]);
    const huge = await client.openUri('file:///nowhere/huge.js', 'const x = { ...y };\n'.repeat(300_000), 'javascript');
    expect(await hints(huge)).toEqual([]);
    await client.change(huge, [{ range: { start: at(0, 0), end: at(0, 0) }, text: '// more\n' }]);
    expect(await hints(huge)).toEqual([]);
    const logs = client.notificationsOf<LogMessageParams>('window/logMessage').map((m) => m.message);
    expect(logs.filter((m) => m.includes('blob.js') && m.includes('NUL'))).toHaveLength(1);
    expect(logs.filter((m) => m.includes('huge.js') && m.includes('million characters'))).toHaveLength(1);
    const uri = await client.open(join(DIR, 'after.ts'), 'const z = [...w];');
    expect(brief(await hints(uri))).toEqual([[0, 16, '⧉ spread']]);
  });

  it('gives nothing, and no error, for documents that are not JavaScript or TypeScript, or not open', async () => {
    const markdown = await client.openUri('file:///nowhere/README.md', 'const a = { ...b };', 'markdown');
    expect(await hints(markdown)).toEqual([]);
    expect(await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: markdown }, position: at(0, 12) })).toBeNull();
    expect(await hints('file:///nowhere/never-opened.ts')).toEqual([]);
    const untitled = await client.openUri('untitled:Untitled-1', 'const a = [...b];', 'typescript');
    expect(brief(await hints(untitled))).toEqual([[0, 16, '⧉ spread']]);
    expect(client.exited).toBe(false);
  });
});
