import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import { ReportRequest, RunFiguresNotification, RunOutputNotification, StartRunRequest, type RunFiguresParams } from '@cowlens/server/protocol';
import { PACKAGED_SERVER } from './packaged-server.js';

/**
 * The bundled language server, spoken to over stdio the way any LSP client would: it starts, and a
 * run it starts instruments the program with the bundled preload and streams its figures back.
 */
describe('the bundled language server', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cowlens-lsp-'));
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('initializes, runs a file in cow mode and reports its figures', async () => {
    const main = join(dir, 'main.mjs');
    writeFileSync(main, 'const state = { items: [1, 2, 3] };\nconst copies = [];\nfor (let i = 0; i < 4; i++) copies.push({ ...state });\ncopies[1].items = [];\nconsole.log("done", copies.length);\n');
    const server = spawn(process.execPath, [join(PACKAGED_SERVER, 'dist/lsp/main.js'), '--stdio'], { cwd: dir, stdio: ['pipe', 'pipe', 'inherit'] });
    const connection = createMessageConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
    // The server asks for settings (cow mode here) and may register capabilities or ask for refreshes.
    connection.onRequest((method, params) => (method === 'workspace/configuration' ? (params as { items: unknown[] }).items.map(() => ({ mode: 'cow' })) : null));
    const output: string[] = [];
    connection.onNotification(RunOutputNotification, ({ text }) => {
      output.push(text);
    });
    const finished = new Promise<RunFiguresParams>((resolve) => {
      connection.onNotification(RunFiguresNotification, (figures) => {
        if (figures.state === 'finished') resolve(figures);
      });
    });
    connection.listen();
    try {
      const folder = pathToFileURL(dir).href;
      const init = await connection.sendRequest('initialize', {
        processId: process.pid,
        rootUri: folder,
        workspaceFolders: [{ uri: folder, name: 'program' }],
        capabilities: { workspace: { configuration: true, workspaceFolders: true } },
        initializationOptions: { liveDecorations: true },
      });
      expect(init).toMatchObject({ serverInfo: { name: 'cowlens' }, capabilities: { hoverProvider: true } });
      await connection.sendNotification('initialized', {});

      const uri = pathToFileURL(main).href;
      const started = await connection.sendRequest(StartRunRequest, { target: { kind: 'file', uri }, folderUri: folder });
      expect(started.mode).toBe('cow');
      const figures = await finished;
      expect(figures).toMatchObject({ runId: started.runId, exitCode: 0, complete: true, mode: 'cow' });
      expect(figures.sites).toEqual([expect.objectContaining({ uri, line: 3, kind: 'object-spread', executions: 4 })]);
      expect(output.join('')).toContain('done 4');

      const report = JSON.parse((await connection.sendRequest(ReportRequest, { format: 'json' }))!) as { sites: { executions: number }[] };
      expect(report.sites.map((s) => s.executions)).toEqual([4]);
      await connection.sendRequest('shutdown');
      await connection.sendNotification('exit');
    } finally {
      connection.dispose();
      server.kill();
    }
  });
});
