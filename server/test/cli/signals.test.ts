/**
 * A program under `cowlens report` ends by a signal exactly as it does under plain node: the
 * program's own node process is sent the signal (not cowlens), from outside, and the exit status,
 * the output and the report are compared with plain node run from a shell.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { constants, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/model.js';
import { validateReport } from '../../src/report/validate-report.js';
import { CLI } from './run-cowlens.js';

/** Copies five times, then (once the runtime's 100 ms flush has sent them) says so and its pid, and goes on as `then` says. */
const copiesThen = (then: string): string =>
  [
    'const base = { list: Array.from({ length: 100 }, (_, i) => i * 1.5) };',
    'const copies = [];',
    'for (let i = 0; i < 5; i++) copies.push({ ...base });',
    'setTimeout(() => {',
    // Output to a pipe is written at once: it is all out before the pid, and the signal, can be.
    "  console.log('ready', copies.length);",
    "  require('node:fs').writeFileSync(process.env.PID_FILE, String(process.pid));",
    `  ${then}`,
    '}, 400);',
    '',
  ].join('\n');

const PROGRAMS = {
  // A synchronous loop: no JavaScript signal listener could ever run here.
  'busy.cjs': copiesThen('while (true) {}'),
  'idle.cjs': copiesThen('setInterval(() => {}, 1000);'),
  'listener.cjs': `process.on('SIGTERM', () => { console.log('got SIGTERM'); process.exit(7); });\n${copiesThen('setInterval(() => {}, 1000);')}`,
  'reloads.cjs': `for (const signal of ['SIGHUP', 'SIGUSR2']) process.on(signal, () => { console.log('got', signal); process.exit(0); });\n${copiesThen('setInterval(() => {}, 1000);')}`,
} as const;

type Program = keyof typeof PROGRAMS;

interface Ended {
  /** What a shell reports: the exit status, or 128 + the signal's number. */
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
  /** The pid of the program's node process, the one that was sent the signal. */
  readonly pid: number;
  /** How long the process took to end once signalled. */
  readonly msAfterSignal: number;
}

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cowlens-signals-'));
  for (const [name, text] of Object.entries(PROGRAMS)) writeFileSync(join(dir, name), text);
});

/**
 * Starts `command` in the programs' folder, waits for the program to write its pid, sends that
 * process `signal`, and waits for `command` to end (killing it, and failing, if it does not).
 */
async function signalled(command: readonly string[], signal: NodeJS.Signals, name: string, to: 'program' | 'command' = 'program'): Promise<Ended> {
  const pidFile = join(dir, `${name}.pid`);
  const [file, ...args] = command;
  const child = spawn(file!, args, { cwd: dir, env: { ...process.env, NODE_OPTIONS: '', PID_FILE: pidFile }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('close', (code, sig) => {
      resolve({ code, signal: sig });
    });
  });
  try {
    for (let waited = 0; !existsSync(pidFile) || readFileSync(pidFile, 'utf8') === ''; waited += 25) {
      if (waited > 20_000) throw new Error(`${name} never wrote its pid:\n${stderr}`);
      await sleep(25);
    }
    const pid = Number(readFileSync(pidFile, 'utf8'));
    const sent = Date.now();
    process.kill(to === 'program' ? pid : child.pid!, signal);
    const stuck = setTimeout(() => {
      process.kill(-child.pid!, 'SIGKILL');
    }, 15_000);
    const { code, signal: by } = await exited;
    clearTimeout(stuck);
    const msAfterSignal = Date.now() - sent;
    return { status: code ?? 128 + constants.signals[by!], stdout, stderr, pid, msAfterSignal };
  } finally {
    if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGKILL');
  }
}

/** Plain node, run by a shell that says the status it saw. */
async function plain(program: Program, signal: NodeJS.Signals): Promise<Ended> {
  const ended = await signalled(['bash', '-c', 'node "$0"; echo "shell status $?" >&2', program], signal, `plain-${program}-${signal}`);
  const shellStatus = /shell status (\d+)/.exec(ended.stderr);
  expect(shellStatus, ended.stderr).not.toBeNull();
  return { ...ended, status: Number(shellStatus![1]) };
}

async function underCowlens(program: Program, signal: NodeJS.Signals, mode: 'observe' | 'cow', to: 'program' | 'command' = 'program'): Promise<Ended & { report: Report }> {
  const out = join(dir, `${program}-${signal}-${mode}-${to}.json`);
  const ended = await signalled([process.execPath, CLI, 'report', '--mode', mode, '--format', 'json', '--out', out, '--', 'node', program], signal, `${mode}-${program}-${signal}-${to}`, to);
  const valid = validateReport(JSON.parse(readFileSync(out, 'utf8')));
  if (!valid.ok) throw new Error(`the report does not match its schema:\n${valid.errors.join('\n')}`);
  return { ...ended, report: valid.report };
}

describe('a program sent a signal ends as it does under plain node', () => {
  for (const [program, signal] of [
    ['busy.cjs', 'SIGTERM'],
    ['busy.cjs', 'SIGINT'],
    ['idle.cjs', 'SIGTERM'],
  ] as const) {
    it(`${program} sent ${signal}: killed at once, with the shell's status, and a report that says what was lost`, async () => {
      const expected = await plain(program, signal);
      expect(expected.status).toBe(128 + constants.signals[signal]);
      for (const mode of ['observe', 'cow'] as const) {
        const run = await underCowlens(program, signal, mode);
        expect(run.status, mode).toBe(expected.status);
        expect(run.stdout, mode).toBe(expected.stdout);
        expect(run.msAfterSignal, mode).toBeLessThan(5000);
        expect(run.report, mode).toMatchObject({ exitCode: null, signal, complete: false, processes: 1 });
        expect(run.report.incomplete, mode).toEqual([
          `process pid ${String(run.pid)} (node ${program}) was killed by ${signal}: its figures are those it flushed before (every 100 ms while its event loop runs, none during a long synchronous computation)`,
        ]);
        // The copies were made before the last flush: none of them is lost.
        expect(run.report.totals.executions, mode).toBe(5);
      }
    });
  }

  it("a program with its own SIGTERM listener decides: here it logs and exits 7, and nothing is lost", async () => {
    const expected = await plain('listener.cjs', 'SIGTERM');
    expect(expected).toMatchObject({ status: 7, stdout: 'ready 5\ngot SIGTERM\n' });
    for (const mode of ['observe', 'cow'] as const) {
      const run = await underCowlens('listener.cjs', 'SIGTERM', mode);
      expect(run.status, mode).toBe(7);
      expect(run.stdout, mode).toBe(expected.stdout);
      expect(run.report, mode).toMatchObject({ exitCode: 7, signal: null, complete: true, incomplete: [] });
      expect(run.report.totals.executions, mode).toBe(5);
    }
  });
});

// A supervisor (systemd, pm2, a shell's kill) signals the process it started: here cowlens.
describe('a signal sent to cowlens goes to the program, as it would go to the program without cowlens', () => {
  for (const signal of ['SIGHUP', 'SIGUSR2'] as const) {
    it(`${signal}: the program's own listener runs, and the run is complete`, async () => {
      const expected = await plain('reloads.cjs', signal);
      expect(expected).toMatchObject({ status: 0, stdout: `ready 5\ngot ${signal}\n` });
      const run = await underCowlens('reloads.cjs', signal, 'observe', 'command');
      expect(run.status).toBe(0);
      expect(run.stdout).toBe(expected.stdout);
      expect(run.report).toMatchObject({ exitCode: 0, signal: null, complete: true });
      expect(run.report.totals.executions).toBe(5);
    });
  }

  it('SIGQUIT to a program with no listener ends it by the signal, and cowlens says so with the same status', async () => {
    const expected = await plain('idle.cjs', 'SIGQUIT');
    expect(expected.status).toBe(128 + constants.signals.SIGQUIT);
    const run = await underCowlens('idle.cjs', 'SIGQUIT', 'observe', 'command');
    expect(run.status).toBe(expected.status);
    expect(run.stdout).toBe(expected.stdout);
    expect(run.report).toMatchObject({ exitCode: null, signal: 'SIGQUIT', complete: false });
  });
});
