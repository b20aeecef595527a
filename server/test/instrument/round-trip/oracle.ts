/**
 * The round-trip oracle (issue 11): every JavaScript and TypeScript file of the project's own
 * node_modules, written by hundreds of authors in every style, is instrumented, and each runtime
 * call is mapped back to the syntax it replaced; the result must be the original's syntax tree.
 * All the files, no sample, spread over worker threads.
 *
 *   npm run oracle [-- path…] [--threads N] [--no-lines]
 */
import { readdirSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { CheckOptions, FileResult, Mismatch } from './check-file.js';
import type { FromWorker, ToWorker } from './oracle-worker.js';

export const REPO = fileURLToPath(new URL('../../../../', import.meta.url));
export const NODE_MODULES = join(REPO, 'node_modules');

const EXTENSIONS = /\.(js|mjs|cjs|ts|tsx|mts|cts)$/;
const DECLARATION = /\.d\.([^./\\]+\.)?[mc]?ts$/;
/** Small batches keep both threads busy to the end; files vary from bytes to a megabyte. */
const BATCH = 8;

export interface OracleOptions {
  /** Directories (walked) and files to check. */
  readonly roots: readonly string[];
  readonly threads?: number;
  readonly check?: CheckOptions;
}

export interface OracleSummary {
  readonly found: number;
  readonly checked: number;
  /** Checked files the instrumenter changed (the others round-trip trivially). */
  readonly changed: number;
  readonly sites: number;
  readonly writes: number;
  readonly skipped: ReadonlyMap<string, readonly string[]>;
  readonly mismatches: readonly Mismatch[];
  /** Exceptions, each a finding: the instrumenter's, or a worker's that died. */
  readonly errors: readonly { readonly file: string; readonly message: string }[];
  readonly threads: number;
  readonly ms: number;
  /** The files that took longest, instrumenting and checking together: where CI time goes. */
  readonly slowest: readonly { readonly file: string; readonly instrument: number; readonly check: number }[];
}

const SLOWEST = 5;

/** Regular files with a JavaScript or TypeScript extension, declarations aside; no symlink is followed. */
export function collectFiles(root: string): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && EXTENSIONS.test(entry.name) && !DECLARATION.test(entry.name)) files.push(path);
    }
  };
  if (statSync(root).isDirectory()) walk(root);
  else files.push(root);
  return files.sort();
}

export async function runOracle(options: OracleOptions): Promise<OracleSummary> {
  const started = performance.now();
  const files = [...new Set(options.roots.flatMap((root) => collectFiles(resolve(root))))];
  const threads = Math.max(2, options.threads ?? availableParallelism());
  const batches: string[][] = [];
  for (let i = 0; i < files.length; i += BATCH) batches.push(files.slice(i, i + BATCH));

  let checked = 0;
  let changed = 0;
  let sites = 0;
  let writes = 0;
  const skipped = new Map<string, string[]>();
  const mismatches: Mismatch[] = [];
  const errors: { file: string; message: string }[] = [];
  const slowest: { file: string; instrument: number; check: number }[] = [];
  const record = (r: FileResult): void => {
    if (r.status === 'skipped') {
      const list = skipped.get(r.reason) ?? [];
      list.push(r.file);
      skipped.set(r.reason, list);
    } else if (r.status === 'error') {
      errors.push({ file: r.file, message: r.message });
    } else {
      checked++;
      if (r.changed) changed++;
      sites += r.sites;
      writes += r.writes;
      if (r.mismatch) mismatches.push(r.mismatch);
      slowest.push({ file: r.file, ...r.ms });
      slowest.sort((a, b) => b.instrument + b.check - (a.instrument + a.check));
      slowest.length = Math.min(slowest.length, SLOWEST);
    }
  };

  const runWorker = (): Promise<void> =>
    new Promise((done) => {
      // Flags of the parent (vitest's among them) are not the worker's business.
      const worker = new Worker(new URL('./oracle-worker.mjs', import.meta.url), { execArgv: [], workerData: options.check ?? {} });
      let inFlight: string[] = [];
      let failure = '';
      worker.on('message', (message: FromWorker) => {
        for (const r of message.results) record(r);
        inFlight = batches.shift() ?? [];
        const next: ToWorker = inFlight.length > 0 ? { files: inFlight } : { done: true };
        worker.postMessage(next);
      });
      worker.on('error', (error) => {
        failure = error.stack ?? error.message;
      });
      worker.on('exit', (code) => {
        if (inFlight.length > 1) {
          // Which file killed it? Each gets a batch of its own, on a new worker.
          for (const file of inFlight) batches.push([file]);
        } else if (inFlight.length === 1) {
          errors.push({ file: inFlight[0]!, message: `the worker died (exit code ${String(code)}) checking this file: ${failure}` });
        } else if (failure !== '') {
          errors.push({ file: '(worker)', message: failure });
        }
        done(batches.length > 0 ? runWorker() : undefined);
      });
    });
  await Promise.all(Array.from({ length: Math.min(threads, Math.max(1, batches.length)) }, runWorker));

  const byFile = (a: { file: string }, b: { file: string }): number => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0);
  for (const list of skipped.values()) list.sort();
  return {
    found: files.length,
    checked,
    changed,
    sites,
    writes,
    skipped,
    mismatches: mismatches.sort(byFile),
    errors: errors.sort(byFile),
    threads,
    ms: performance.now() - started,
    slowest,
  };
}

/** What a person reads: totals, skips by reason with a few paths each, and every finding in full. */
export function formatSummary(s: OracleSummary, base = REPO, pathsPerReason = 5): string {
  const rel = (file: string): string => relative(base, file) || file;
  const lines: string[] = [];
  const skippedCount = [...s.skipped.values()].reduce((n, list) => n + list.length, 0);
  lines.push(`round-trip oracle: ${String(s.found)} files, ${String(s.checked)} checked (${String(s.changed)} changed by the instrumenter), ${String(skippedCount)} skipped`);
  lines.push(`sites: ${String(s.sites)}   writes: ${String(s.writes)}`);
  for (const [reason, list] of [...s.skipped].sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(`skipped, ${reason}: ${String(list.length)}`);
    for (const file of list.slice(0, pathsPerReason)) lines.push(`    ${rel(file)}`);
    if (list.length > pathsPerReason) lines.push(`    … and ${String(list.length - pathsPerReason)} more`);
  }
  lines.push(`mismatches: ${String(s.mismatches.length)}`);
  for (const m of s.mismatches) {
    lines.push(`  ${m.kind}: ${rel(m.file)}:${String(m.line)}:${String(m.column)}  ${m.message}`);
    if (m.path !== undefined) lines.push(`    path:         ${m.path}`);
    lines.push(`    original:     ${m.original}`);
    lines.push(`    instrumented: ${m.instrumented}`);
    if (m.restored !== undefined) lines.push(`    restored:     ${m.restored}`);
  }
  lines.push(`errors: ${String(s.errors.length)}`);
  for (const e of s.errors) lines.push(`  ${rel(e.file)}: ${e.message.split('\n').slice(0, 6).join('\n    ')}`);
  lines.push(`time: ${(s.ms / 1000).toFixed(1)} s on ${String(s.threads)} worker threads`);
  const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
  for (const f of s.slowest) lines.push(`    ${rel(f.file)}: instrument ${seconds(f.instrument)}, check ${seconds(f.check)}`);
  return lines.join('\n');
}

function parseArgs(argv: readonly string[]): OracleOptions {
  const roots: string[] = [];
  let threads: number | undefined;
  let lines = true;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--threads') threads = Number(argv[++i]);
    else if (arg === '--no-lines') lines = false;
    else roots.push(arg);
  }
  return { roots: roots.length > 0 ? roots : [NODE_MODULES], check: { lines }, ...(threads === undefined ? {} : { threads }) };
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const summary = await runOracle(parseArgs(process.argv.slice(2)));
  console.log(formatSummary(summary));
  if (summary.mismatches.length > 0 || summary.errors.length > 0) process.exitCode = 1;
}
