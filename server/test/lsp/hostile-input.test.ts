/**
 * The language server under input it must survive (issue 15, items 7 and 13), over a real stdio
 * connection: a run whose program swapped its own files for a FIFO and a link to a device, and a
 * burst of thousands of edits with a request in the middle of it.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { HoverRequest, type InlayHint, InlayHintRequest, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { type RunFiguresParams, StartRunRequest } from '../../src/lsp/protocol.js';
import { labelOf, LspClient } from './lsp-client.js';

const WHOLE = { start: { line: 0, character: 0 }, end: { line: 100_000, character: 0 } };

let client: LspClient | undefined;
afterEach(async () => {
  await client?.stop();
  client = undefined;
});

describe('reading a run’s files from disk (item 7)', () => {
  it('a program that swapped its files for a FIFO and a link to /dev/zero leaves the server answering, with its diagnostics published', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cowlens-lsp-hostile-'));
    const fifo = join(dir, 'fifo-site.js');
    const zero = join(dir, 'zero-site.js');
    writeFileSync(fifo, 'module.exports = (xs) => [...xs];\n');
    writeFileSync(zero, 'module.exports = (xs) => [...xs];\n');
    writeFileSync(
      join(dir, 'main.js'),
      [
        "const { execFileSync } = require('node:child_process');",
        "const { symlinkSync, unlinkSync } = require('node:fs');",
        "const xs = Array.from({ length: 1000 }, (_, i) => i);",
        "console.log(require('./fifo-site.js')(xs).length, require('./zero-site.js')(xs).length);",
        "unlinkSync('fifo-site.js');",
        "execFileSync('mkfifo', ['fifo-site.js']);",
        "unlinkSync('zero-site.js');",
        "symlinkSync('/dev/zero', 'zero-site.js');",
        '',
      ].join('\n'),
    );
    client = await LspClient.start({ folders: [dir], settings: { budgets: { maxBytesCopiedPerSite: 1, hazardsAsDiagnostics: true } } });
    const main = await client.open(join(dir, 'main.js'), undefined, 'javascript');
    const { runId } = await client.connection.sendRequest(StartRunRequest, { target: { kind: 'file', uri: main } });
    await client.waitForNotification<RunFiguresParams>('cowlens/runFigures', (f) => f.runId === runId && f.state === 'finished');
    for (const file of [fifo, zero]) {
      const published = await client.waitForNotification<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (p) => p.uri === pathToFileURL(file).href, 20_000);
      // Not read, so no extent of the site: the bare position the run gave.
      expect(published.diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character, d.range.end.character])).toEqual([['copy-budget', 0, 25, 25]]);
    }
    // Still answering: nothing to say about `require` on the first line.
    expect(await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: main }, position: { line: 0, character: 10 } })).toBeNull();
  });
});

describe('a burst of edits (item 13)', () => {
  it('analyses far fewer texts than edits, and answers a request made in the middle of it for every edit sent before it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cowlens-lsp-burst-'));
    const lines = ['const base = { a: 1 };', ...Array.from({ length: 1000 }, (_, i) => `export const copy${String(i)} = { ...base };\n// line ${String(i)}`), '// typing here: '];
    const text = lines.join('\n');
    const last = text.split('\n').length - 1;
    client = await LspClient.start({ folders: [dir] });
    const traces: string[] = [];
    client.connection.onNotification('$/logTrace', ({ message }: { message: string }) => {
      traces.push(message);
    });
    await client.connection.sendNotification('$/setTrace', { value: 'verbose' });
    const uri = await client.open(join(dir, 'burst.ts'), text);
    const hints = (): Promise<InlayHint[] | null> => client!.connection.sendRequest(InlayHintRequest.type, { textDocument: { uri }, range: WHOLE });
    expect(await hints()).toHaveLength(1000);

    const EDITS = 5000;
    const typed = (i: number) => [{ range: { start: { line: last, character: 16 + i }, end: { line: last, character: 16 + i } }, text: 'x' }];
    const sent: Promise<void>[] = [];
    for (let i = 0; i < EDITS / 2; i++) sent.push(client.change(uri, typed(i)));
    const answer = hints();
    for (let i = EDITS / 2; i < EDITS - 1; i++) sent.push(client.change(uri, typed(i)));
    // The last edit turns the first copy into a deep one.
    sent.push(client.change(uri, [{ range: { start: { line: 1, character: 21 }, end: { line: 1, character: 32 } }, text: 'structuredClone(base)' }]));
    await Promise.all(sent);
    const burstEnd = performance.now();
    const answered = await answer;
    const analysis = traces.at(-1)?.replace(/.* in /, '') ?? '?';
    console.log(`${String(EDITS)} edits at once: the request made in the middle was answered ${(performance.now() - burstEnd).toFixed(0)} ms after the last edit was sent (its one analysis: ${analysis})`);

    expect(answered).toHaveLength(1000);
    // A request after the burst is answered for the final text: the deep copy the last edit made.
    const after = await hints();
    expect((after ?? []).filter((h) => h.position.line === 1).map((h) => labelOf(h))).toEqual(['⧉ deep copy']);
    // The opened text, the one the request in the middle saw (every edit sent before it applied,
    // and as many of the later ones as had arrived: the protocol promises no more), and the final
    // one, when they differ: none of the thousands in between.
    const analysed = traces.filter((t) => t.startsWith(`cowlens: analysed ${uri} `)).map((t) => Number(/version (\d+)/.exec(t)![1]));
    expect(analysed[0]).toBe(1);
    expect(analysed.at(-1)).toBe(EDITS + 1);
    expect(analysed.length).toBeLessThanOrEqual(3);
    expect(analysed[1]).toBeGreaterThanOrEqual(EDITS / 2 + 1);
  });
});
