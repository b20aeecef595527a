/**
 * `npm run bench:istanbul`: a real test suite nobody here wrote, qs's own tape tests as its npm
 * package ships them, run plain, under istanbul coverage (nyc, with the `.nycrc` qs ships, as qs
 * runs its tests, and again without its `"all": true`), and under the real `cowlens report` in
 * observe and in cow mode, each run a process of its own timed whole, the variants taking turns
 * round by round (a rotated order each round). Issue 12's target: observe costs no more than
 * istanbul (median ratio ≤ 1.0), checked against both.
 *
 * The suite is laid out in `.bench/versus-istanbul/` from the npm registry alone: qs's tarball
 * unpacked into a folder of its own (outside any node_modules, so cowlens instruments qs's files
 * as the project's, as nyc does with its `"all": true`), and the packages its tests require, tape
 * and nyc installed in a folder beside it that the suite's `node_modules` links to. Every run must
 * pass, and all must report the same tape counts, or the bench fails.
 *
 * `node --import tsx server/bench/versus-istanbul.ts [rounds]` (default 7), after `npm run build`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { median } from './measure.js';

const REPO = new URL('../../', import.meta.url).pathname;
const CLI = join(REPO, 'server/bin/cowlens.js');
const BUILT = join(REPO, 'server/dist/cli-bundle/main.js');
const WORK = join(REPO, '.bench/versus-istanbul');
const QS = 'qs@6.17.1';
const SUITE = join(WORK, QS.replace('@', '-'));
const DEPS = join(WORK, 'deps');
/**
 * qs's runtime dependencies and the devDependencies its tests require, at the ranges of its
 * package.json (tape at the newest the registry has), and nyc's current major.
 */
const INSTALL = [
  'es-define-property@^1.0.1',
  'side-channel@^1.1.1',
  'tape@^5.10.2',
  'es-value-fixtures@^1.7.1',
  'for-each@^0.3.5',
  'has-bigints@^1.1.0',
  'has-override-mistake@^1.0.1',
  'has-property-descriptors@^1.0.2',
  'has-proto@^1.2.0',
  'has-symbols@^1.1.0',
  'iconv-lite@^0.5.2',
  'mock-property@^1.1.2',
  'object-inspect@^1.13.4',
  'safer-buffer@^2.1.2',
  'nyc@^18.0.0',
];
const TESTS = 'test/**/*.js';

/**
 * `istanbul` is nyc with qs's `.nycrc` (`"all": true`, four reporters), as qs's `npm test` runs it;
 * `istanbul --all=false` leaves out the parent's pass over the files no test loaded, the cheapest
 * istanbul a project gets without giving up its reporters.
 */
type Variant = 'plain' | 'istanbul' | 'istanbul --all=false' | 'observe' | 'cow';
const VARIANTS: readonly Variant[] = ['plain', 'istanbul', 'istanbul --all=false', 'observe', 'cow'];
const ISTANBULS: readonly Variant[] = ['istanbul', 'istanbul --all=false'];

function run(command: string, args: readonly string[], cwd: string): string {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed in ${cwd} (${String(result.status ?? result.signal)}):\n${result.stderr}`);
  return result.stdout;
}

/** Lays the suite out once; a later bench finds it in place. */
function prepare(): void {
  if (existsSync(join(SUITE, 'node_modules/.bin/nyc'))) return;
  mkdirSync(DEPS, { recursive: true });
  writeFileSync(join(DEPS, 'package.json'), '{ "private": true }\n');
  process.stderr.write(`installing ${QS}'s test dependencies and nyc into ${DEPS}\n`);
  run('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', ...INSTALL], DEPS);
  const tarball = run('npm', ['pack', QS, '--pack-destination', WORK], WORK).trim().split('\n').at(-1)!;
  rmSync(SUITE, { recursive: true, force: true });
  run('tar', ['xzf', tarball], WORK);
  renameSync(join(WORK, 'package'), SUITE);
  rmSync(join(WORK, tarball));
  symlinkSync('../deps/node_modules', join(SUITE, 'node_modules'), 'dir');
}

interface TapeCounts {
  readonly tests: number;
  readonly pass: number;
}

/** tape's closing lines: `# tests N`, `# pass N`, and `# fail N` when any failed. */
function tapeCounts(variant: Variant, stdout: string): TapeCounts {
  const count = (word: string): number | undefined => {
    const match = new RegExp(`^# ${word}\\s+(\\d+)$`, 'm').exec(stdout);
    return match ? Number(match[1]) : undefined;
  };
  const tests = count('tests');
  const pass = count('pass');
  const fail = count('fail') ?? 0;
  if (tests === undefined || pass === undefined || fail !== 0 || pass !== tests) {
    throw new Error(`the ${variant} run of qs's suite did not pass (tests ${String(tests)}, pass ${String(pass)}, fail ${String(fail)}):\n${stdout.slice(-2000)}`);
  }
  return { tests, pass };
}

/** An instrumented run must have run qs's own code through cowlens: copies made in lib/ show in the report. */
function checkInstrumented(variant: Variant, reportFile: string): void {
  const report = JSON.parse(readFileSync(reportFile, 'utf8')) as { complete: boolean; incomplete: string[]; sites: { file?: string; executions: number }[] };
  if (!report.complete) throw new Error(`the ${variant} run's report is incomplete: ${report.incomplete.join(' ')}`);
  if (!report.sites.some((s) => s.file?.startsWith('lib/') === true && s.executions > 0)) {
    throw new Error(`the ${variant} run's report has no copy made in qs's lib/: qs was not instrumented`);
  }
}

function commandOf(variant: Variant, reports: string): readonly string[] {
  const tape = ['tape', TESTS];
  switch (variant) {
    case 'plain':
      return tape;
    case 'istanbul':
      return ['nyc', ...tape];
    case 'istanbul --all=false':
      return ['nyc', '--all=false', ...tape];
    case 'observe':
    case 'cow':
      return [process.execPath, CLI, 'report', '--mode', variant, '--quiet', '--out', join(reports, `${variant}.json`), '--', ...tape];
  }
}

/** Seconds of the whole run, start to exit, and its tape counts. */
function timeRun(variant: Variant, reports: string): { seconds: number; counts: TapeCounts } {
  const [command, ...args] = commandOf(variant, reports);
  const env = { ...process.env, NODE_OPTIONS: '', PATH: `${join(SUITE, 'node_modules/.bin')}:${process.env.PATH ?? ''}` };
  const started = process.hrtime.bigint();
  const result = spawnSync(command!, args, { cwd: SUITE, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) throw new Error(`the ${variant} run (${[command, ...args].join(' ')}) exited ${String(result.status ?? result.signal)}:\n${result.stderr}\n${result.stdout.slice(-2000)}`);
  const counts = tapeCounts(variant, result.stdout);
  if (variant === 'observe' || variant === 'cow') checkInstrumented(variant, join(reports, `${variant}.json`));
  return { seconds, counts };
}

const rounds = Number(process.argv[2] ?? 7);
if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`rounds must be a whole number of at least 1, not ${String(process.argv[2])}`);
if (!existsSync(BUILT)) throw new Error('this bench runs the built CLI: run `npm run build` first (npm run bench:istanbul does)');
prepare();
const reports = mkdtempSync(join(tmpdir(), 'cowlens-bench-istanbul-'));
const samples = new Map<Variant, number[]>(VARIANTS.map((v) => [v, []]));
const loadBefore = loadavg();
let expected: TapeCounts | undefined;
let counted: Variant | undefined;
try {
  // Round 0 fills nyc's and cowlens's caches of instrumented files: it is shown, not counted.
  for (let round = 0; round <= rounds; round++) {
    const order = VARIANTS.map((_, i) => VARIANTS[(i + round) % VARIANTS.length]!);
    const line: string[] = [];
    for (const variant of order) {
      const { seconds, counts } = timeRun(variant, reports);
      if (expected === undefined) {
        expected = counts;
        counted = variant;
      } else if (counts.tests !== expected.tests || counts.pass !== expected.pass) {
        throw new Error(`the ${variant} run passed ${String(counts.pass)} of ${String(counts.tests)} tests, the ${String(counted)} run ${String(expected.pass)} of ${String(expected.tests)}`);
      }
      if (round > 0) samples.get(variant)!.push(seconds);
      line.push(`${variant} ${seconds.toFixed(2)} s`);
    }
    process.stderr.write(`${round === 0 ? 'cold caches' : `round ${String(round)}`}: ${line.join(', ')}\n`);
  }
} finally {
  rmSync(reports, { recursive: true, force: true });
}

const best = (v: Variant): number => Math.min(...samples.get(v)!);
const middle = (v: Variant): number => median(samples.get(v)!);
const ratio = (a: number, b: number): string => `×${(a / b).toFixed(2)}`;
const load = (l: number[]): string => l.map((x) => x.toFixed(1)).join(' ');

console.log(`${QS}'s tape suite (${String(expected!.tests)} assertions, all passing in every run), ${String(rounds)} rounds, Node ${process.versions.node}, load average ${load(loadBefore)} before, ${load(loadavg())} after`);
console.log('');
const versus = (v: Variant, against: Variant): string => `${ratio(best(v), best(against))}, ${ratio(middle(v), middle(against))}`;
console.log(`| variant | best | median | ${ISTANBULS.map((i) => `×${i} (best, median)`).join(' | ')} | ×plain (best, median) |`);
console.log(`|---|---:|---:|${ISTANBULS.map(() => '---:|').join('')}---:|`);
for (const v of VARIANTS) {
  console.log(`| ${v} | ${best(v).toFixed(2)} s | ${middle(v).toFixed(2)} s | ${ISTANBULS.map((i) => versus(v, i)).join(' | ')} | ${versus(v, 'plain')} |`);
}
console.log('');
for (const istanbul of ISTANBULS) {
  const observe = middle('observe') / middle(istanbul);
  console.log(`target: cowlens observe costs no more than ${istanbul} (median ≤ ×1.00): ${observe <= 1 ? 'met' : 'NOT MET'} (×${observe.toFixed(2)})`);
}
