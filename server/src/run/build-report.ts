import { basename, isAbsolute, relative } from 'node:path';
import type { RunMode } from '../runtime/api.js';
import { sortHazards, sortSites } from '../report/canonical-order.js';
import { type Diagnostic, REPORT_SCHEMA_VERSION, type Report } from '../report/model.js';
import { summarizeTotals } from '../report/summarize-totals.js';
import type { RunAggregate, StreamIdentity } from './run-aggregate.js';
import type { CommandOutcome } from './run-command.js';
import { plural } from '../report/labels.js';

export interface RunFacts {
  readonly command: readonly string[];
  readonly mode: RunMode;
  readonly startedAt: number;
  readonly durationMs: number;
  readonly version: string;
  readonly timeout: number | undefined;
}

/** A process's command line in a reason is cut to this many characters: enough to tell processes apart. */
const MAX_COMMAND_LABEL = 80;

/** The report of a run from what its processes sent and how the command ended. */
export function buildReport(live: RunAggregate, outcome: CommandOutcome, facts: RunFacts): Report {
  const sites = sortSites(live.sites());
  const hazards = sortHazards(live.hazards());
  const uninstrumented = uninstrumentedCode(live);
  const incomplete = [...incompleteReasons(live, outcome, facts), ...uninstrumented];
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
    // About processes, not files: the CLI prints them even when the report goes to a file.
    diagnostics: [...live.allDiagnostics, ...uninstrumented.map((message): Diagnostic => ({ severity: 'warning', message }))],
  };
}

function incompleteReasons(live: RunAggregate, outcome: CommandOutcome, facts: RunFacts): string[] {
  const { root } = live;
  const reasons: string[] = [];
  if (outcome.startError !== undefined) reasons.push(`the command did not start: ${outcome.startError}`);
  if (outcome.stoppedBecause !== undefined) reasons.push(`the command was ${outcome.stoppedBecause}`);
  else if (outcome.timedOut) reasons.push(`the command ran longer than --timeout ${String(facts.timeout)} s and was stopped`);
  const unfinished = live.unfinished();
  // A signal ends a Node process without its 'exit' event, so it sends no last batch: only the
  // command's own process is known to have died of the signal the command ended with.
  const signalled = outcome.signal === null ? undefined : unfinished.find((u) => u.thread === 0 && u.pid === outcome.pid);
  if (signalled !== undefined && outcome.signal !== null) {
    reasons.push(
      `${processLabel(signalled, root)} was killed by ${outcome.signal}: its figures are those it flushed before (every 100 ms while its event loop runs, none during a long synchronous computation)`,
    );
  } else if (outcome.signal !== null && outcome.stoppedBecause === undefined && !outcome.timedOut) {
    reasons.push(`the command was killed by ${outcome.signal}`);
  }
  const processes = unfinished.filter((u) => u.thread === 0 && u !== signalled);
  const threads = unfinished.filter((u) => u.thread !== 0);
  if (processes.length > 0) {
    const which = processes.map((p) => processLabel(p, root)).join(', ');
    reasons.push(`${which} ended without sending ${processes.length === 1 ? 'its' : 'their'} last figures (killed by a signal, or crashed hard): ${processes.length === 1 ? 'its' : 'their'} figures are those flushed before`);
  }
  if (threads.length > 0) {
    const which = threads.map((t) => `${String(t.thread)} of pid ${String(t.pid)}`).join(', ');
    reasons.push(`${plural(threads.length, 'worker thread')} (${which}) ended without sending ${threads.length === 1 ? 'its' : 'their'} last figures (terminated by ${threads.length === 1 ? 'its' : 'their'} parent?); what ${threads.length === 1 ? 'it' : 'they'} sent before each message posted is counted`);
  }
  for (const failed of live.failed()) {
    const who = failed.thread === 0 ? processLabel(failed, root) : `worker thread ${String(failed.thread)} of pid ${String(failed.pid)}`;
    reasons.push(`${who} met an uncaught error that cowlens caused or may have caused (see the diagnostics): the run is not what the program does without cowlens`);
  }
  if (outcome.startError === undefined && live.processes === 0) {
    reasons.push('no Node.js process reported: the command started none, or none loaded cowlens (a NODE_OPTIONS override, or a runner that isolates its own module loading?)');
  }
  return reasons;
}

/** The most files a reason names; the rest are counted. */
const MAX_FILES_NAMED = 5;

/** One sentence per process (or thread) and reason, for project code that ran without cowlens's instrumentation. */
function uninstrumentedCode(live: RunAggregate): string[] {
  return live.uninstrumented().flatMap((stream) => {
    const who = stream.thread === 0 ? processLabel(stream, live.root) : `worker thread ${String(stream.thread)} of pid ${String(stream.pid)}`;
    return [...stream.reasons].map(([reason, files]) => {
      const named = [...files].slice(0, MAX_FILES_NAMED).join(', ');
      const more = files.size > MAX_FILES_NAMED ? ` and ${plural(files.size - MAX_FILES_NAMED, 'more file')}` : '';
      const which = files.size === 0 ? 'project code' : `${plural(files.size, 'project file')} (${named}${more})`;
      return `${who} ran ${which} that cowlens did not instrument: ${reason}; their copies are not in this report`;
    });
  });
}

/** `process pid 123 (node app.js --flag)`: the command line as typed, files relative to the run's folder. */
function processLabel({ pid, argv }: StreamIdentity, root: string): string {
  if (argv.length === 0) return `process pid ${String(pid)}`;
  const [exec = '', ...args] = argv;
  const words = [basename(exec), ...args.map((arg) => (isAbsolute(arg) && !relative(root, arg).startsWith('..') ? relative(root, arg) : arg))];
  const line = words.join(' ');
  return `process pid ${String(pid)} (${line.length > MAX_COMMAND_LABEL ? `${line.slice(0, MAX_COMMAND_LABEL - 1)}…` : line})`;
}
