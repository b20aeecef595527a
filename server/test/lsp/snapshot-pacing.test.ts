import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunFiguresParams, StartRunRequest } from '../../src/lsp/protocol.js';
import { snapshotIntervalMs } from '../../src/lsp/snapshot-pacing.js';
import { LspClient } from './lsp-client.js';

describe('snapshot pacing', () => {
  it('sends every 100 ms up to 1,000 sites, 100 ms more per further 1,000, at most once a second', () => {
    expect([0, 1, 1000, 1001, 2500, 9000, 10_000, 250_000].map(snapshotIntervalMs)).toEqual([100, 100, 100, 200, 300, 900, 1000, 1000]);
  });
});

/** A program with 2,500 copy sites that keeps copying for about two seconds. */
function manySitesProgram(): string {
  const lines = ['const source = [1, 2, 3];', 'const kept = [];', 'const pause = () => new Promise((resolve) => setTimeout(resolve, 20));', 'for (let round = 0; round < 100; round++) {'];
  for (let i = 0; i < 2500; i++) lines.push(`  if (round % 40 === ${String(i % 40)}) kept.push([...source]);`);
  lines.push('  await pause();', '}', 'console.log(kept.length);');
  return `${lines.join('\n')}\n`;
}

describe('a run with 2,500 sites over a real connection', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cowlens-pacing-'));
  const program = join(dir, 'many-sites.mjs');
  let client: LspClient;
  let running: RunFiguresParams[];
  let finished: RunFiguresParams;

  beforeAll(async () => {
    writeFileSync(program, manySitesProgram());
    client = await LspClient.start({ folders: [dir], settings: { mode: 'observe' } });
    const { runId } = await client.connection.sendRequest(StartRunRequest, { target: { kind: 'file', uri: pathToFileURL(program).href } });
    finished = await client.waitForNotification<RunFiguresParams>('cowlens/runFigures', (f) => f.runId === runId && f.state === 'finished');
    running = client.notificationsOf<RunFiguresParams>('cowlens/runFigures').filter((f) => f.runId === runId && f.state === 'running');
  }, 120_000);
  afterAll(async () => {
    await client.stop();
  });

  it('counts every site and copy', () => {
    expect(finished).toMatchObject({ exitCode: 0, complete: true });
    // Sites with i % 40 < 20 (63 of them per remainder) run in three rounds of 100, the others (62) in two.
    expect(finished.totals).toMatchObject({ sites: 2500, executions: 20 * 63 * 3 + 20 * 62 * 2 });
  });

  it('spaces its snapshots by their size: at least 300 ms apart once one holds more than 2,000 sites', () => {
    expect(running.length).toBeGreaterThanOrEqual(2);
    for (let i = 1; i < running.length; i++) {
      const previous = running[i - 1]!;
      // elapsedMs is stamped as each snapshot is sent, on the server's clock.
      expect(running[i]!.elapsedMs - previous.elapsedMs, `after a snapshot of ${String(previous.sites.length)} sites`).toBeGreaterThanOrEqual(snapshotIntervalMs(previous.sites.length));
    }
    expect(running.some((f) => f.sites.length > 2000)).toBe(true);
  });
});
