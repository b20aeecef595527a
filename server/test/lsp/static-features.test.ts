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
} from 'vscode-languageserver-protocol/node';
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

  it('offers structuredClone for a JSON round trip, and a spread for Object.assign, with exact edits', async () => {
    const uri = await client.open(join(DIR, 'actions.ts'), SOURCE);
    const actionsAt = async (line: number, character: number): Promise<CodeAction[]> =>
      ((await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: { start: at(line, character), end: at(line, character) }, context: { diagnostics: [] } })) ?? []) as CodeAction[];
    const [json, ...moreJson] = await actionsAt(2, 20);
    expect(moreJson).toEqual([]);
    expect(json?.kind).toBe('quickfix');
    expect(json?.title).toMatch(/structuredClone.*keeps Dates, Maps, Sets and undefined, and throws on functions/);
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
