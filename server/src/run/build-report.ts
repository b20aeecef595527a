import type { Mode } from '../runtime/api.js';
import { sortHazards, sortSites } from '../report/canonical-order.js';
import { REPORT_SCHEMA_VERSION, type Report } from '../report/model.js';
import { summarizeTotals } from '../report/summarize-totals.js';
import type { RunAggregate } from './run-aggregate.js';
import type { CommandOutcome } from './run-command.js';
import { plural } from '../report/labels.js';

export interface RunFacts {
  readonly command: readonly string[];
  readonly mode: Mode;
  readonly startedAt: number;
  readonly durationMs: number;
  readonly version: string;
  readonly timeout: number | undefined;
}

/** The report of a run from what its processes sent and how the command ended. */
export function buildReport(live: RunAggregate, outcome: CommandOutcome, facts: RunFacts): Report {
  const sites = sortSites(live.sites());
  const hazards = sortHazards(live.hazards());
  const incomplete = incompleteReasons(live, outcome, facts);
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'cowlens', version: facts.version },
    mode: facts.mode,
    command: facts.command,
    exitCode: outcome.exitCode,
    signal: outcome.signal,
    complete: incomplete.length === 0,
    incomplete,
    startedAt: new Date(facts.startedAt).toISOString(),
    durationMs: facts.durationMs,
    processes: live.processes,
    totals: summarizeTotals(sites, hazards),
    sites,
    hazards,
    diagnostics: live.allDiagnostics,
  };
}

function incompleteReasons(live: RunAggregate, outcome: CommandOutcome, facts: RunFacts): string[] {
  const reasons: string[] = [];
  if (outcome.startError !== undefined) reasons.push(`the command did not start: ${outcome.startError}`);
  if (outcome.stoppedBecause !== undefined) reasons.push(`the command was ${outcome.stoppedBecause}`);
  else if (outcome.timedOut) reasons.push(`the command ran longer than --timeout ${String(facts.timeout)} s and was stopped`);
  else if (outcome.signal !== null) reasons.push(`the command was killed by ${outcome.signal}`);
  const unfinished = live.unfinished();
  const processes = unfinished.filter((u) => u.thread === 0).map((u) => u.pid);
  const threads = unfinished.filter((u) => u.thread !== 0);
  if (processes.length > 0) {
    reasons.push(`${plural(processes.length, 'process', 'processes')} (pid ${processes.join(', ')}) ended without sending ${processes.length === 1 ? 'its' : 'their'} last figures: killed, or crashed hard`);
  }
  if (threads.length > 0) {
    const which = threads.map((t) => `${String(t.thread)} of pid ${String(t.pid)}`).join(', ');
    reasons.push(`${plural(threads.length, 'worker thread')} (${which}) ended without sending ${threads.length === 1 ? 'its' : 'their'} last figures (terminated by ${threads.length === 1 ? 'its' : 'their'} parent?); what ${threads.length === 1 ? 'it' : 'they'} sent before each message posted is counted`);
  }
  if (outcome.startError === undefined && live.processes === 0) {
    reasons.push('no Node.js process reported: the command started none, or none loaded cowlens (a NODE_OPTIONS override, or a runner that isolates its own module loading?)');
  }
  return reasons;
}
