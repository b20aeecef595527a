import type { RunFiguresParams } from '@cowlens/server/protocol';
import { describe, expect, it } from 'vitest';
import { runOutcomeMessage } from '../src/run-outcome.js';

const totals = { sites: 1, executions: 1, materialized: 0, eager: 0, bytesCopied: 0, bytesSaved: 0, sharedMax: 1, hazards: 0 };
const finished = (more: Partial<RunFiguresParams>): RunFiguresParams => ({
  runId: 1,
  state: 'finished',
  mode: 'observe',
  command: ['node', 'app.js'],
  elapsedMs: 10,
  totals,
  sites: [],
  hazards: [],
  exitCode: 0,
  signal: null,
  complete: true,
  incomplete: [],
  ...more,
});

describe('runOutcomeMessage', () => {
  it('says nothing of a run that went as planned, or of one still going', () => {
    expect(runOutcomeMessage(finished({}))).toBeUndefined();
    expect(runOutcomeMessage(finished({ state: 'running', exitCode: 3 }))).toBeUndefined();
  });

  it('names the exit status of a failing program and offers its output and the report', () => {
    const message = runOutcomeMessage(finished({ exitCode: 3 }));
    expect(message).toEqual({
      severity: 'error',
      text: 'cowlens: the program exited with status 3; its output is in the cowlens output, and the figures show what ran until then.',
      actions: ['Show Output', 'Show Report'],
    });
  });

  it('names the signal that killed the program, and why figures may be missing', () => {
    const message = runOutcomeMessage(finished({ exitCode: null, signal: 'SIGKILL', complete: false, incomplete: ['the last batch of process 12 was lost'] }));
    expect(message?.text).toBe(
      'cowlens: the program was killed by SIGKILL; its output is in the cowlens output, and the figures show what ran until then. Figures may be missing: the last batch of process 12 was lost.',
    );
  });

  it('warns of an incomplete run of a program that succeeded, with the reasons', () => {
    const message = runOutcomeMessage(finished({ complete: false, incomplete: ['process 7 ran src/a.js uninstrumented (loaded by esm)', 'timed out'] }));
    expect(message).toEqual({
      severity: 'warning',
      text: 'cowlens: the run is incomplete. Figures may be missing: process 7 ran src/a.js uninstrumented (loaded by esm); timed out.',
      actions: ['Show Report'],
    });
  });

  it('says that a program that never started did not run', () => {
    expect(runOutcomeMessage(finished({ exitCode: null, signal: null, complete: false, incomplete: ['cowlens could not run the command: spawn nope ENOENT'] }))?.text).toBe(
      'cowlens: the program did not run. Figures may be missing: cowlens could not run the command: spawn nope ENOENT.',
    );
  });

  it('leaves a stopped run and a debugged program to the user and the debugger', () => {
    expect(runOutcomeMessage(finished({ exitCode: null, signal: 'SIGTERM', stopped: true }))).toBeUndefined();
    expect(runOutcomeMessage(finished({ exitCode: null, attached: true }))).toBeUndefined();
  });
});
