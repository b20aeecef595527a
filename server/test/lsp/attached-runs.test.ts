import { spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EndRunRequest, PrepareRunRequest, type PrepareRunResult, ReportRequest, type RunFiguresParams, StartRunRequest, StopRunRequest } from '../../src/lsp/protocol.js';
import { validateReport } from '../../src/report/validate-report.js';
import { expectTourSites, TOUR, TOUR_MAIN, TOUR_URI } from './editor-tour.js';
import { LspClient } from './lsp-client.js';

const RUN_FIGURES = 'cowlens/runFigures';

/** What a debugger would do with a prepared run: start the program with the run's environment, and wait for it to end. */
function launch(program: string, env: Readonly<Record<string, string>>, extra: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stdout: string }> {
  const base: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (key !== 'NODE_OPTIONS' && !key.startsWith('COWLENS_')) base[key] = value;
  const child = spawn(process.execPath, [program], { cwd: TOUR, env: { ...base, ...env, ...extra }, stdio: ['ignore', 'pipe', 'inherit'] });
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      resolve({ code, stdout });
    });
  });
}

const snapshotsOf = (client: LspClient, runId: number): RunFiguresParams[] => client.notificationsOf<RunFiguresParams>(RUN_FIGURES).filter((f) => f.runId === runId);

describe('a prepared run: the program started by someone else (a debugger) with the run’s environment', () => {
  let client: LspClient;
  let prepared: PrepareRunResult;
  let exit: { code: number | null; stdout: string };
  let finished: RunFiguresParams;
  let runningBeforeEnd: RunFiguresParams[];

  beforeAll(async () => {
    client = await LspClient.start({ folders: [TOUR], settings: { mode: 'cow' } });
    prepared = await client.connection.sendRequest(PrepareRunRequest, { command: ['node', TOUR_MAIN], folderUri: pathToFileURL(TOUR).href });
    exit = await launch(TOUR_MAIN, prepared.env, { TOUR_TICK_MS: '40' });
    // The server follows the spool on its own timer: let it see the program's last batch before the end.
    await client.waitForNotification<RunFiguresParams>(RUN_FIGURES, (f) => f.runId === prepared.runId && f.totals.executions === 80);
    runningBeforeEnd = snapshotsOf(client, prepared.runId);
    expect(await client.connection.sendRequest(EndRunRequest, { runId: prepared.runId })).toBe(true);
    finished = await client.waitForNotification<RunFiguresParams>(RUN_FIGURES, (f) => f.runId === prepared.runId && f.state === 'finished');
  });
  afterAll(async () => {
    await client.stop();
  });

  it('hands out the run’s environment: cowlens’s variables and only its preload in NODE_OPTIONS', () => {
    expect(prepared.mode).toBe('cow');
    expect(prepared.env.COWLENS_MODE).toBe('cow');
    expect(prepared.env.COWLENS_ROOT).toBe(TOUR);
    expect(prepared.env.COWLENS_SPOOL).toMatch(/cowlens-/);
    expect(prepared.env.NODE_OPTIONS).toMatch(/^--require=".*\/instrument\/hooks\/preload\.cjs"$/);
    expect(exit.code).toBe(0);
    expect(exit.stdout).toContain('25 snapshots, 5 backups, 5 dark renders');
  });

  it('streams the figures while the program runs, marked attached, before the end is known', () => {
    expect(runningBeforeEnd.length).toBeGreaterThanOrEqual(2);
    expect(runningBeforeEnd.every((f) => f.state === 'running' && f.attached === true)).toBe(true);
    const executions = runningBeforeEnd.map((f) => f.totals.executions);
    expect(executions).toEqual([...executions].sort((a, b) => a - b));
    expect(executions[0]).toBeLessThan(80);
  });

  it('finishes on endRun with the fixture’s figures, complete, without an exit status of its own', () => {
    expect(snapshotsOf(client, prepared.runId).at(-1)).toBe(finished);
    expect(finished).toMatchObject({ attached: true, mode: 'cow', command: ['node', TOUR_MAIN], exitCode: null, complete: true, incomplete: [] });
    expect(finished.totals).toMatchObject({ sites: 4, executions: 80 });
    expectTourSites(finished);
  });

  it('keeps the report, valid against the schema', async () => {
    const valid = validateReport(JSON.parse((await client.connection.sendRequest(ReportRequest, { format: 'json' })) ?? 'null'));
    expect(valid.ok).toBe(true);
    if (valid.ok) expect(valid.report).toMatchObject({ command: ['node', TOUR_MAIN], exitCode: null, complete: true, totals: { executions: 80 } });
  });

  it('answers false to ending a run that is over', async () => {
    expect(await client.connection.sendRequest(EndRunRequest, { runId: prepared.runId })).toBe(false);
    expect(await client.connection.sendRequest(StopRunRequest)).toBe(false);
  });
});

describe('prepared runs that end otherwise', () => {
  let client: LspClient;
  beforeAll(async () => {
    client = await LspClient.start({ folders: [TOUR], env: { TOUR_TICK_MS: '0' } });
  });
  afterAll(async () => {
    await client.stop();
  });

  it('stopRun ends a prepared run as no longer followed, with what it had', async () => {
    const { runId, env } = await client.connection.sendRequest(PrepareRunRequest, { command: ['node', TOUR_MAIN] });
    await launch(TOUR_MAIN, env, { TOUR_TICK_MS: '0' });
    await client.waitForNotification<RunFiguresParams>(RUN_FIGURES, (f) => f.runId === runId && f.totals.executions === 80);
    expect(await client.connection.sendRequest(StopRunRequest)).toBe(true);
    const finished = await client.waitForNotification<RunFiguresParams>(RUN_FIGURES, (f) => f.runId === runId && f.state === 'finished');
    expect(finished).toMatchObject({ attached: true, complete: false, totals: { executions: 80 } });
    expect(finished.incomplete).toEqual(['the command was no longer followed (stopped from the editor); figures after that are not counted']);
  });

  it('a run started meanwhile replaces a prepared one, whose endRun then answers false', async () => {
    const prepared = await client.connection.sendRequest(PrepareRunRequest, { command: ['node', TOUR_MAIN] });
    const started = await client.connection.sendRequest(StartRunRequest, { target: { kind: 'file', uri: TOUR_URI } });
    const first = await client.waitForNotification<RunFiguresParams>(RUN_FIGURES, (f) => f.runId === prepared.runId && f.state === 'finished');
    expect(first.incomplete).toContain('the command was no longer followed (stopped from the editor: another run started); figures after that are not counted');
    expect(await client.connection.sendRequest(EndRunRequest, { runId: prepared.runId })).toBe(false);
    const second = await client.waitForNotification<RunFiguresParams>(RUN_FIGURES, (f) => f.runId === started.runId && f.state === 'finished');
    expect(second).toMatchObject({ complete: true, exitCode: 0, totals: { executions: 80 } });
    expect(second.attached).toBeUndefined();
  });
});

describe('a prepared run without a workspace folder', () => {
  it('is refused with a message that says what to do', async () => {
    const client = await LspClient.start();
    try {
      await expect(client.connection.sendRequest(PrepareRunRequest, { command: ['node', TOUR_MAIN] })).rejects.toThrow(/needs a workspace folder: open the folder of your project/);
    } finally {
      await client.stop();
    }
  });
});
