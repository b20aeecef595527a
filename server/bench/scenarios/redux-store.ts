import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Timing } from '../measure.js';

/**
 * (g) A Redux Toolkit store (programs/redux-store.mjs) run as written and under the real
 * `cowlens report`, in observe and in cow mode, with the packages' own code instrumented too:
 * Redux Toolkit, Redux, Reselect, redux-thunk and, the point of it, immer, whose drafts then run on
 * cowlens's copies. Each run is a process of its own (the CLI instruments whole packages through
 * its preload, as a user's run does); the program times its own dispatches and final read, so
 * start-up and instrumenting are left out. The three variants take turns, round by round, and the
 * best round of each is kept; every run must print the same state checksum.
 */
const REPO = new URL('../../../', import.meta.url).pathname;
const PROGRAM = 'server/bench/programs/redux-store.mjs';
const CLI = join(REPO, 'server/bin/cowlens.js');
const BUILT = join(REPO, 'server/dist/cli-bundle/main.js');
const PACKAGES = ['immer', '@reduxjs/toolkit', 'redux', 'reselect', 'redux-thunk'];
export const ROUNDS = 3;

type Variant = 'plain' | 'observe' | 'cow';
const VARIANTS: readonly Variant[] = ['plain', 'observe', 'cow'];

interface ProgramOutput {
  readonly ms: number;
  readonly checksum: string;
}

export interface StoreRun {
  /** Best of the rounds, per variant, in the order plain, observe, cow. */
  readonly timings: readonly Timing[];
  readonly checksum: string;
}

function runOnce(variant: Variant, reports: string): ProgramOutput {
  const program = [process.execPath, PROGRAM];
  const args =
    variant === 'plain'
      ? [PROGRAM]
      : [CLI, 'report', '--mode', variant, '--quiet', '--out', join(reports, `${variant}.json`), ...PACKAGES.flatMap((p) => ['--include', `node_modules/${p}/**`]), '--', ...program];
  const out = execFileSync(process.execPath, args, { cwd: REPO, encoding: 'utf8', timeout: 600_000 });
  const line = out.trim().split('\n').at(-1) ?? '';
  try {
    return JSON.parse(line) as ProgramOutput;
  } catch {
    throw new Error(`(g) the ${variant} run of ${PROGRAM} printed ${JSON.stringify(out)}, not its line of figures`);
  }
}

/** The instrumented runs must have run immer's code through cowlens: its copies show in the report. */
function checkImmerInstrumented(reports: string, variant: Variant): void {
  const report = JSON.parse(readFileSync(join(reports, `${variant}.json`), 'utf8')) as { sites: { file: string; executions: number }[] };
  if (!report.sites.some((s) => s.file.startsWith('node_modules/immer/') && s.executions > 0)) {
    throw new Error(`(g) the ${variant} run's report has no copy made in immer's code: immer was not instrumented`);
  }
}

export function reduxStore(): StoreRun {
  if (!existsSync(BUILT)) throw new Error('(g) runs the built CLI: run `npm run build` first (npm run bench does)');
  const reports = mkdtempSync(join(tmpdir(), 'cowlens-bench-redux-'));
  try {
    const best = new Map<Variant, number>();
    const checksums = new Set<string>();
    for (let round = 0; round < ROUNDS; round++) {
      for (const variant of round % 2 === 0 ? VARIANTS : [...VARIANTS].reverse()) {
        const { ms, checksum } = runOnce(variant, reports);
        checksums.add(checksum);
        if (checksums.size > 1) throw new Error(`(g) the ${variant} run computed another state: checksums ${[...checksums].join(', ')}`);
        best.set(variant, Math.min(best.get(variant) ?? Infinity, ms));
        if (variant !== 'plain') checkImmerInstrumented(reports, variant);
      }
    }
    return { timings: VARIANTS.map((v) => ({ name: v === 'plain' ? 'uninstrumented' : `${v} mode`, micros: best.get(v)! * 1000 })), checksum: [...checksums][0]! };
  } finally {
    rmSync(reports, { recursive: true, force: true });
  }
}
