import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateReport } from '../../src/report/validate-report.js';
import type { Report } from '../../src/report/model.js';

export const REPO = fileURLToPath(new URL('../../..', import.meta.url));
export const CLI = join(REPO, 'server/bin/cowlens.js');
export const FIXTURES = join(REPO, 'test-fixtures/cli');

export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the built `cowlens` in a real process, as a user would. */
export function cowlens(args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): CliRun {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? REPO,
    env: { ...process.env, NODE_OPTIONS: '', ...options.env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function plainNode(args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): CliRun {
  const result = spawnSync(process.execPath, args, { cwd: options.cwd ?? REPO, env: { ...process.env, NODE_OPTIONS: '', ...options.env }, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** `cowlens report --format json` of a command, with the report read back and validated against the schema. */
export function reportOf(command: readonly string[], options: { mode?: 'observe' | 'cow'; extra?: readonly string[]; cwd?: string; env?: NodeJS.ProcessEnv } = {}): CliRun & { report: Report } {
  const out = join(mkdtempSync(join(tmpdir(), 'cowlens-test-')), 'report.json');
  const run = cowlens(['report', '--mode', options.mode ?? 'observe', '--format', 'json', '--out', out, ...(options.extra ?? []), '--', ...command], options);
  const parsed: unknown = JSON.parse(readFileSync(out, 'utf8'));
  const valid = validateReport(parsed);
  if (!valid.ok) throw new Error(`the report does not match its schema:\n${valid.errors.join('\n')}\n${run.stderr}`);
  return { ...run, report: valid.report };
}
