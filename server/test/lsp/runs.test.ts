import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CodeLens,
  CodeLensRequest,
  type Hover,
  HoverRequest,
  type InlayHint,
  InlayHintRequest,
  type MarkupContent,
  type PublishDiagnosticsParams,
  ResponseError,
} from 'vscode-languageserver-protocol/node';
import {
  ClearFiguresRequest,
  type CowlensSettings,
  PrepareRunRequest,
  ReportRequest,
  type RunFiguresParams,
  type RunOutputParams,
  StartRunRequest,
  StopRunRequest,
} from '../../src/lsp/protocol.js';
import { validateReport } from '../../src/report/validate-report.js';
import { expectTourSites, TOUR, TOUR_MAIN, TOUR_URI } from './editor-tour.js';
import { labelOf, LspClient, REPO } from './lsp-client.js';

const WHOLE = { start: { line: 0, character: 0 }, end: { line: 100_000, character: 0 } };
const RUN_FIGURES = 'cowlens/runFigures';

const finishedRun = (client: LspClient, runId: number): Promise<RunFiguresParams> =>
  client.waitForNotification<RunFiguresParams>(RUN_FIGURES, (f) => f.runId === runId && f.state === 'finished');

const labels = (hints: InlayHint[] | null): string[] => (hints ?? []).map((h) => labelOf(h));

describe('a live run of the editor tour in cow mode, for a client without decorations of its own', () => {
  let client: LspClient;
  let figures: RunFiguresParams[];
  let finished: RunFiguresParams;
  let runId: number;

  beforeAll(async () => {
    client = await LspClient.start({ folders: [TOUR], settings: { mode: 'cow', budgets: { maxBytesCopiedPerSite: 1000, hazardsAsDiagnostics: true } } });
    await client.open(TOUR_MAIN);
    expect(await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: TOUR_URI } })).toEqual([]);
    const started = await client.connection.sendRequest(StartRunRequest, { target: { kind: 'file', uri: TOUR_URI } });
    runId = started.runId;
    expect(started).toEqual({ runId, command: ['node', TOUR_MAIN], mode: 'cow' });
    finished = await finishedRun(client, runId);
    figures = client.notificationsOf<RunFiguresParams>(RUN_FIGURES).filter((f) => f.runId === runId);
  });
  afterAll(async () => {
    await client.stop();
  });

  it('streams figures while it runs, then finishes with the expected figures', () => {
    const running = figures.filter((f) => f.state === 'running');
    expect(running.length).toBeGreaterThanOrEqual(2);
    expect(figures.at(-1)).toBe(finished);
    // Each snapshot holds all figures so far: executions only grow.
    const executions = figures.map((f) => f.totals.executions);
    expect(executions).toEqual([...executions].sort((a, b) => a - b));
    expect(finished).toMatchObject({ mode: 'cow', command: ['node', TOUR_MAIN], exitCode: 0, signal: null, complete: true, incomplete: [] });
    expect(finished.stopped).toBeUndefined();
    expectTourSites(finished);
  });

  it('passes the program output on', () => {
    const stdout = client.notificationsOf<RunOutputParams>('cowlens/runOutput').filter((o) => o.runId === runId && o.stream === 'stdout').map((o) => o.text).join('');
    expect(stdout).toContain('25 snapshots, 5 backups, 5 dark renders');
  });

  it('asks the client to refresh its inlay hints and code lenses', () => {
    const methods = client.requests.map((r) => r.method);
    expect(methods).toContain('workspace/inlayHint/refresh');
    expect(methods).toContain('workspace/codeLens/refresh');
  });

  it('shows each site figures once: in its inlay hint, or in a code lens when its line would run past column 120', async () => {
    const hints = await client.connection.sendRequest(InlayHintRequest.type, { textDocument: { uri: TOUR_URI }, range: WHOLE });
    const clone = (hints ?? []).find((h) => h.position.line === 52);
    expect(labelOf(clone)).toMatch(/^⧉ deep copy · 25 copies · 25 written · copied .+ · saved .+ · shared ×2$/);
    const lenses = (await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: TOUR_URI } })) as CodeLens[];
    // Line 55 is 116 columns long, line 36 has the longest figures: their figures are in lenses, their hints static.
    expect(lenses.map((l) => l.range.start.line).sort((a, b) => a - b)).toEqual([35, 54]);
    expect(lenses.find((l) => l.range.start.line === 54)?.command?.title).toMatch(/^⧉ spread 25 copies · 25 written/);
    const withFigures = (hints ?? []).filter((h) => labelOf(h).includes('copies')).map((h) => h.position.line);
    expect(withFigures.sort((a, b) => a - b)).toEqual([40, 52]);
  });

  it('hovers a site with its figures and copy points, and a copy point with the copies it forced', async () => {
    const site = (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: TOUR_URI }, position: { line: 52, character: 20 } })) as Hover;
    const siteText = (site.contents as MarkupContent).value;
    expect(siteText).toContain('**Last run** (cow mode): 25 copies, 25 written (100%)');
    expect(siteText).not.toContain('Evidence');
    expect(siteText).toContain(`[main.ts:55](${TOUR_URI}#L55) ×25`);
    const line55 = readFileSync(TOUR_MAIN, 'utf8').split('\n')[54]!;
    const point = (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: TOUR_URI }, position: { line: 54, character: line55.indexOf('doc.') + 1 } })) as Hover;
    const pointText = (point.contents as MarkupContent).value;
    expect(pointText).toContain('**Copy point**');
    expect(pointText).toContain(`⧉ deep copy at [main.ts:53](${TOUR_URI}#L53): 25 times, copying`);
  });

  it('hovers a site whose copies were all made eagerly with how many, apart from the written ones, and no evidence', async () => {
    const settings = (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: TOUR_URI }, position: { line: 40, character: 22 } })) as Hover;
    const text = (settings.contents as MarkupContent).value;
    expect(text).toContain('**Last run** (cow mode): 25 copies, 0 written (0%), 25 eager; ');
    expect(text).toContain('**Eager:** 25 copies were made at once, never shared: too small for a view to pay, or nothing a view stands for. They saved nothing.');
    expect(text).not.toContain('Evidence');
  });

  it('keeps the report, valid against the schema', async () => {
    const json = await client.connection.sendRequest(ReportRequest, { format: 'json' });
    const valid = validateReport(JSON.parse(json ?? 'null'));
    expect(valid.ok).toBe(true);
    if (valid.ok) expect(valid.report.sites).toHaveLength(4);
    expect(await client.connection.sendRequest(ReportRequest, { format: 'markdown' })).toContain('cow');
  });

  it('publishes budget diagnostics on the sites over the per-site budget', async () => {
    const published = await client.waitForNotification<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (p) => p.uri === TOUR_URI && p.diagnostics.length > 0);
    expect(published.diagnostics.every((d) => d.code === 'copy-budget' && d.severity === 2 && d.source === 'cowlens')).toBe(true);
    expect(published.diagnostics.map((d) => d.range.start.line).sort((a, b) => a - b)).toEqual([35, 40, 52, 54]);
    expect(published.diagnostics[0]?.message).toMatch(/more than the budget of 1\.0 kB per site/);
  });

  it('publishes its diagnostics again after edits, where their sites are in the edited text', async () => {
    const linesOf = async (version: number): Promise<number[]> => {
      const published = await client.waitForNotification<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (p) => p.uri === TOUR_URI && p.version === version);
      return published.diagnostics.map((d) => d.range.start.line).sort((a, b) => a - b);
    };
    await client.change(TOUR_URI, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '// one\n// two\n' }]);
    expect(await linesOf(2)).toEqual([37, 42, 54, 56]);
    await client.change(TOUR_URI, [{ range: { start: { line: 0, character: 0 }, end: { line: 2, character: 0 } }, text: '' }]);
    expect(await linesOf(3)).toEqual([35, 40, 52, 54]);
  });

  it('moves figures with edits, and forgets them on clearFigures', async () => {
    await client.change(TOUR_URI, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '\n\n' }]);
    const moved = await client.connection.sendRequest(InlayHintRequest.type, { textDocument: { uri: TOUR_URI }, range: WHOLE });
    expect(labelOf((moved ?? []).find((h) => h.position.line === 54))).toContain('25 copies');
    await client.connection.sendRequest(ClearFiguresRequest);
    const cleared = await client.waitForNotification<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (p) => p.uri === TOUR_URI && p.diagnostics.length === 0);
    expect(cleared.diagnostics).toEqual([]);
    expect(labels(await client.connection.sendRequest(InlayHintRequest.type, { textDocument: { uri: TOUR_URI }, range: WHOLE }))).toEqual(['⧉ deep copy (JSON)', '⧉ spread', '⧉ deep copy', '⧉ spread']);
    expect(await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: TOUR_URI } })).toEqual([]);
    expect(await client.connection.sendRequest(ReportRequest, { format: 'json' })).toBeNull();
  });
});

describe('runs for a client that draws figures itself (liveDecorations)', () => {
  let client: LspClient;
  beforeAll(async () => {
    client = await LspClient.start({ folders: [TOUR], liveDecorations: true, env: { TOUR_TICK_MS: '0' } });
  });
  afterAll(async () => {
    await client.stop();
  });

  it('keeps hints static and lenses empty, and still sends the figures', async () => {
    await client.open(TOUR_MAIN);
    const { runId, mode } = await client.connection.sendRequest(StartRunRequest, { target: { kind: 'file', uri: TOUR_URI } });
    expect(mode).toBe('observe');
    const finished = await finishedRun(client, runId);
    expect(finished.totals.executions).toBe(80);
    expect(labels(await client.connection.sendRequest(InlayHintRequest.type, { textDocument: { uri: TOUR_URI }, range: WHOLE }))).toEqual(['⧉ deep copy (JSON)', '⧉ spread', '⧉ deep copy', '⧉ spread']);
    expect(await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: TOUR_URI } })).toEqual([]);
    expect(client.requests.map((r) => r.method)).not.toContain('workspace/inlayHint/refresh');
  });
});

describe('runs that go wrong', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cowlens-lsp-runs-'));
  let client: LspClient;
  const program = (name: string, text: string): string => {
    writeFileSync(join(dir, name), text);
    return pathToFileURL(join(dir, name)).href;
  };
  const hover = (uri: string): Promise<Hover | null> => client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 12 } });

  beforeAll(async () => {
    client = await LspClient.start({ folders: [dir], settings: { testCommand: 'definitely-not-a-command-cowlens' } });
  });
  afterAll(async () => {
    await client.stop();
  });

  it('a program killed hard finishes incomplete, with the reason, and the server goes on', async () => {
    const uri = program('crash.mjs', "const a = { ...{ x: 1 } };\nconsole.error('about to die', a.x);\nprocess.kill(process.pid, 'SIGKILL');\n");
    await client.openUri(uri, readFileSync(new URL(uri), 'utf8'), 'javascript');
    const { runId } = await client.connection.sendRequest(StartRunRequest, { target: { kind: 'file', uri } });
    const finished = await finishedRun(client, runId);
    expect(finished).toMatchObject({ complete: false, exitCode: null, signal: 'SIGKILL' });
    expect(finished.stopped).toBeUndefined();
    expect(finished.incomplete?.join('\n')).toContain('killed by SIGKILL');
    const stderr = client.notificationsOf<RunOutputParams>('cowlens/runOutput').filter((o) => o.runId === runId && o.stream === 'stderr').map((o) => o.text).join('');
    expect(stderr).toContain('about to die 1');
    expect(((await hover(uri))?.contents as MarkupContent).value).toContain('object-spread');
  });

  it('a program that throws finishes with its exit status and its figures', async () => {
    const uri = program('throws.mjs', "const a = { ...{ x: 1 } };\nthrow new Error('boom ' + a.x);\n");
    const { runId } = await client.connection.sendRequest(StartRunRequest, { target: { kind: 'file', uri } });
    const finished = await finishedRun(client, runId);
    expect(finished.exitCode).toBe(1);
    expect(finished.totals.executions).toBe(1);
  });

  it('adds what a run saw of a copy nothing wrote to its hover, as evidence and not as proof', async () => {
    // Objects of 100 keys: large enough to share, so the run watched every write to their copies.
    const uri = program(
      'unwritten.mjs',
      "function f(o) { const c = { ...o }; return c.a; }\nlet t = 0;\nfor (let i = 0; i < 3; i++) { const o = { a: i }; for (let k = 0; k < 100; k++) o['k' + k] = k; t += f(o); }\nconsole.log(t);\n",
    );
    await client.openUri(uri, readFileSync(new URL(uri), 'utf8'), 'javascript');
    const onCopy = async (): Promise<string> => ((await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 30 } }))?.contents as MarkupContent).value;
    expect(await onCopy()).not.toContain('Evidence');
    const { runId } = await client.connection.sendRequest(StartRunRequest, { target: { kind: 'file', uri } });
    expect((await finishedRun(client, runId)).exitCode).toBe(0);
    const text = await onCopy();
    expect(text).toContain('**Evidence, not proof:** 0 of 3 copies were written in the last run.');
    // A parameter's copy is never proved: the run is the only word on it, and says it is not proof.
    expect(text).not.toContain('Could share');
  });

  it('says in observe mode which copies copy-on-write would make eagerly, and claims no evidence about writes to them', async () => {
    const uri = program('eager.mjs', 'function f(o) { const c = { ...o }; return c.a; }\nlet t = 0;\nfor (let i = 0; i < 3; i++) t += f({ a: i });\nconsole.log(t);\n');
    await client.openUri(uri, readFileSync(new URL(uri), 'utf8'), 'javascript');
    const { runId } = await client.connection.sendRequest(StartRunRequest, { target: { kind: 'file', uri } });
    const finished = await finishedRun(client, runId);
    expect(finished.totals).toMatchObject({ executions: 3, materialized: 0, eager: 3, bytesSaved: 0 });
    const text = ((await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 30 } }))?.contents as MarkupContent).value;
    expect(text).toContain('**Last run** (observe mode): 3 copies, 0 written (0%), 3 eager; ');
    expect(text).toContain('**Eager:** copy-on-write would make 3 copies at once, never shared: too small for a view to pay, or nothing a view stands for. No saving is predicted for them.');
    expect(text).not.toContain('Evidence');
    const hints = await client.connection.sendRequest(InlayHintRequest.type, { textDocument: { uri }, range: WHOLE });
    expect(labelOf((hints ?? []).find((h) => h.position.line === 0))).toMatch(/^⧉ spread · 3 copies · 0 written · 3 eager · copied \d+ B$/);
  });

  it('blames no copy on a call that changes nothing: the hover lists the one real write, and what sharing would have saved', async () => {
    const lines = [
      "const low = new Set(); for (let i = 0; i < 100; i++) low.add('s' + i);",
      'const snaps = [];',
      "for (let r = 0; r < 20; r++) { snaps.push(new Set(low)); low.delete('gone' + r); low.add('s' + r); }",
      "low.delete('s1');",
      'console.log(snaps.length, low.size);',
    ];
    const uri = program('unchanging.mjs', `${lines.join('\n')}\n`);
    await client.openUri(uri, readFileSync(new URL(uri), 'utf8'), 'javascript');
    const { runId } = await client.connection.sendRequest(StartRunRequest, { target: { kind: 'file', uri } });
    expect((await finishedRun(client, runId)).exitCode).toBe(0);
    const position = { line: 2, character: lines[2]!.indexOf('new Set') + 1 };
    const text = ((await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position }))?.contents as MarkupContent).value;
    expect(text).toContain('**Last run** (observe mode): 20 copies, 20 written (100%)');
    expect(text).toMatch(/copy-on-write would have saved [1-9]/);
    expect(text).toContain(`[unchanging.mjs:4](${uri}#L4) ×1,`);
    expect(text).not.toContain('#L3)');
  });

  it('a command that does not exist finishes incomplete, saying so', async () => {
    const { runId, command } = await client.connection.sendRequest(StartRunRequest, { target: { kind: 'tests' } });
    expect(command).toEqual(['definitely-not-a-command-cowlens']);
    const finished = await finishedRun(client, runId);
    expect(finished.complete).toBe(false);
    expect(finished.incomplete?.join('\n')).toContain('command not found: definitely-not-a-command-cowlens');
  });

  it('a file that does not exist, or an unset entry, is refused with a message for people', async () => {
    const missing = client.connection.sendRequest(StartRunRequest, { target: { kind: 'file', uri: pathToFileURL(join(dir, 'gone.mjs')).href } });
    await expect(missing).rejects.toBeInstanceOf(ResponseError);
    await expect(missing).rejects.toThrow(/gone\.mjs does not exist/);
    await expect(client.connection.sendRequest(StartRunRequest, { target: { kind: 'entry' } })).rejects.toThrow(/set cowlens\.entry/);
  });

  it('stopRun stops a program that never ends, and says so in the report', async () => {
    const uri = program('forever.mjs', 'const o = { a: 1 };\nlet n = 0;\nsetInterval(() => { n += ({ ...o }).a; }, 20);\n');
    const { runId } = await client.connection.sendRequest(StartRunRequest, { target: { kind: 'file', uri } });
    await client.waitForNotification<RunFiguresParams>(RUN_FIGURES, (f) => f.runId === runId && f.totals.executions > 0);
    expect(await client.connection.sendRequest(StopRunRequest)).toBe(true);
    const finished = await finishedRun(client, runId);
    expect(finished).toMatchObject({ complete: false, stopped: true });
    expect(finished.incomplete).toContain('the command was stopped from the editor');
    expect(finished.totals.executions).toBeGreaterThan(0);
    expect(await client.connection.sendRequest(StopRunRequest)).toBe(false);
    const report = await client.connection.sendRequest(ReportRequest, { format: 'text' });
    expect(report).toContain('stopped from the editor');
  });

  it('starting a run stops the one that is going', async () => {
    const forever = pathToFileURL(join(dir, 'forever.mjs')).href;
    const first = await client.connection.sendRequest(StartRunRequest, { target: { kind: 'file', uri: forever } });
    const second = await client.connection.sendRequest(StartRunRequest, { target: { kind: 'file', uri: program('quick.mjs', 'const q = [...[1, 2]];\n') } });
    const firstFinished = await finishedRun(client, first.runId);
    expect(firstFinished.incomplete).toContain('the command was stopped from the editor: another run started');
    expect(firstFinished.stopped).toBe(true);
    expect((await finishedRun(client, second.runId)).complete).toBe(true);
  });
});

describe('a hazard found by a run the user edits while it goes', () => {
  let client: LspClient;
  let dir: string;
  beforeAll(async () => {
    // The CLI's hazard program, made to wait until the test has edited it.
    dir = mkdtempSync(join(tmpdir(), 'cowlens-lsp-hazard-'));
    cpSync(join(REPO, 'test-fixtures', 'cli', 'hazard'), dir, { recursive: true });
    const main = join(dir, 'main.mjs');
    const text = readFileSync(main, 'utf8').replace('normalizeAll();', "console.log('edit now');\nawait new Promise((resolve) => setTimeout(resolve, 1500));\nnormalizeAll();");
    writeFileSync(main, text);
    client = await LspClient.start({ folders: [dir], settings: { mode: 'cow', budgets: { maxBytesCopiedPerSite: 0, hazardsAsDiagnostics: true } } });
  });
  afterAll(async () => {
    await client.stop();
  });

  it('puts its diagnostic where the site is after the edit', async () => {
    const main = join(dir, 'main.mjs');
    const uri = await client.open(main, readFileSync(main, 'utf8'), 'javascript');
    const siteLine = readFileSync(main, 'utf8').split('\n').findIndex((line) => line.includes('names.slice()'));
    const { runId } = await client.connection.sendRequest(StartRunRequest, { target: { kind: 'file', uri } });
    await client.waitForNotification<RunOutputParams>('cowlens/runOutput', (o) => o.runId === runId && o.text.includes('edit now'));
    await client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '// two lines\n// added\n' }]);
    const finished = await finishedRun(client, runId);
    expect(finished.hazards).toMatchObject([{ kind: 'uninstrumented-write', line: siteLine + 1 }]);
    const published = await client.waitForNotification<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (p) => p.uri === uri && p.diagnostics.length > 0);
    expect(published.diagnostics).toMatchObject([{ code: 'uninstrumented-write', range: { start: { line: siteLine + 2 } } }]);
  });
});

describe('the files a run instruments, from cowlens.only, cowlens.include and cowlens.exclude', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cowlens-lsp-files-'));
  const files: Record<string, string> = {
    'main.js': "const { grow } = require('tiny');\nconst { twice } = require('./src/lib.js');\nconst { pair } = require('./src/gen.js');\nconsole.log(grow([1]).length, twice([2]).length, pair(3).length, { ...{ x: 1 } }.x);\n",
    'src/lib.js': 'exports.twice = function twice(xs) { return xs.slice(); };\n',
    'src/gen.js': 'exports.pair = function pair(x) { return Array.from([x, x]); };\n',
    'node_modules/tiny/package.json': '{ "name": "tiny", "main": "index.js" }\n',
    'node_modules/tiny/index.js': 'exports.grow = function grow(xs) { return [...xs, 1]; };\n',
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const main = pathToFileURL(join(dir, 'main.js')).href;
  const clients: LspClient[] = [];
  const clientWith = async (settings: Partial<CowlensSettings>): Promise<LspClient> => {
    const client = await LspClient.start({ folders: [dir], settings });
    clients.push(client);
    return client;
  };
  /** The files with a site in the finished run of main.js. */
  const instrumented = async (settings: Partial<CowlensSettings>): Promise<string[]> => {
    const client = await clientWith(settings);
    const { runId } = await client.connection.sendRequest(StartRunRequest, { target: { kind: 'file', uri: main } });
    const finished = await finishedRun(client, runId);
    expect(finished).toMatchObject({ exitCode: 0, complete: true });
    return [...new Set(finished.sites.map((s) => relative(dir, fileURLToPath(s.uri)).split('\\').join('/')))].sort();
  };
  afterAll(async () => {
    for (const client of clients) await client.stop();
  });

  it("cowlens.include adds a dependency to the project's own files", async () => {
    expect(await instrumented({})).toEqual(['main.js', 'src/gen.js', 'src/lib.js']);
    expect(await instrumented({ include: ['node_modules/tiny/**'] })).toEqual(['main.js', 'node_modules/tiny/index.js', 'src/gen.js', 'src/lib.js']);
  });

  it('cowlens.only replaces them, and cowlens.exclude wins over both', async () => {
    expect(await instrumented({ only: ['src/**'], include: ['node_modules/tiny/**'], exclude: ['src/gen.js'] })).toEqual(['node_modules/tiny/index.js', 'src/lib.js']);
  });

  it("the old default of cowlens.exclude, kept in a user's settings, still means what it did", async () => {
    expect(await instrumented({ exclude: ['**/node_modules/**'] })).toEqual(['main.js', 'src/gen.js', 'src/lib.js']);
  });

  it('a cowlens.include written when it replaced the project\'s files stops the run, saying to move it to cowlens.only', async () => {
    const client = await clientWith({ include: ['src/**'] });
    const moved = /^The cowlens settings: cowlens\.include 'src\/\*\*' names no node_modules folder, .+ Remove it, or give it as cowlens\.only 'src\/\*\*' to take only the files it matches\.$/;
    await expect(client.connection.sendRequest(StartRunRequest, { target: { kind: 'file', uri: main } })).rejects.toThrow(moved);
    await expect(client.connection.sendRequest(PrepareRunRequest, { command: ['node', 'main.js'] })).rejects.toThrow(moved);
    // The old defaults, as the settings editor copies them into settings.json when a user edits the lists.
    const copied = await clientWith({ include: ['**/*', 'node_modules/tiny/**'], exclude: ['**/node_modules/**'] });
    await expect(copied.connection.sendRequest(StartRunRequest, { target: { kind: 'file', uri: main } })).rejects.toThrow(/cowlens\.include '\*\*\/\*' names no node_modules folder/);
  });
});
