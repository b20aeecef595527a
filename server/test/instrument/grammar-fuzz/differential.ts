/**
 * One case of the grammar fuzz: build the program, run it plainly, in observe mode and in cow
 * mode, and compare what the three printed. A difference is a Divergence, whose message holds the
 * program, what each run printed and the instrumented text, so that fast-check's shrunk case
 * reads as a bug report.
 */
import { type Program, type ProgramInput, buildProgram } from './program.js';
import { type Outcome, type Prepared, compilesAsBody, execute, prepare } from './run-program.js';

/** What the cases of a run instrumented, summed, to show that the generator really makes sites. */
export interface Totals {
  cases: number;
  sites: number;
  writes: number;
  unguardedHazards: number;
  /** JavaScript that V8 runs but TypeScript's parser rejects: cowlens runs it uninstrumented, as these cases did. */
  unparsed: number;
  /** Cases that differed only in a known way (see KnownDivergence), by kind. */
  readonly known: Record<KnownDivergence, number>;
}

export function newTotals(): Totals {
  return { cases: 0, sites: 0, writes: 0, unguardedHazards: 0, unparsed: 0, known: { 'quotes instrumented text': 0, 'renders the operand otherwise': 0 } };
}

/**
 * Differences the fuzz counts rather than fails on, each a documented limit:
 * - an error message that quotes source text (V8 quotes the expression a TypeError is about, and
 *   an error about a function quotes its source) quotes the instrumented text where cowlens cannot
 *   guard the call (inside an optional chain whose head it rewrote) or a TypeScript module's
 *   compiler printed a function again, in both modes: the README's Limits say so;
 * - a TypeError of a failed copy whose message names its operand as V8 would, but V8 rendered
 *   the operand otherwise: V8 renders it by walking the code around it (an arrow function's body
 *   adds `(intermediate value)`s), which the instrumenter's rendering follows for the usual shapes
 *   only; the same error, the same words around the operand;
 * Cow mode has none left: any difference of its own, on any seed, fails.
 */
export type KnownDivergence = 'quotes instrumented text' | 'renders the operand otherwise';

/** The words V8 puts around an operand it names in a TypeError. */
const OPERAND_MESSAGE = /^(.*TypeError.*?)(?:'|: )?(.*)( is not iterable| is not a function or its return value is not iterable| is not a function| as it is (?:null|undefined)\.)'?$/;

function sameWordsAroundOperand(plain: string | undefined, instrumented: string | undefined): boolean {
  const [a, b] = [OPERAND_MESSAGE.exec(plain ?? ''), OPERAND_MESSAGE.exec(instrumented ?? '')];
  return a !== null && b !== null && a[1] === b[1] && a[3] === b[3];
}

function knownDivergence(difference: Difference): KnownDivergence | undefined {
  if (difference.instrumented?.includes('__cl$') === true) return 'quotes instrumented text';
  if (sameWordsAroundOperand(difference.plain, difference.instrumented)) return 'renders the operand otherwise';
  return undefined;
}

export type RunMode = 'observe' | 'cow';

/** The first line where a mode printed other than the plain run (undefined when it printed the same). */
export interface Difference {
  readonly mode: RunMode;
  readonly line: number;
  readonly plain: string | undefined;
  readonly instrumented: string | undefined;
}

export class Divergence extends Error {
  // Private, so that vitest does not print them a second time after the message.
  readonly #program: Program;
  readonly #differences: readonly Difference[];

  constructor(program: Program, differences: readonly Difference[], prepared: Prepared, outcomes: Readonly<Record<'plain' | RunMode, Outcome>>) {
    super(report(program, prepared, outcomes, differences));
    this.name = 'Divergence';
    this.#program = program;
    this.#differences = differences;
  }

  get program(): Program {
    return this.#program;
  }

  get differences(): readonly Difference[] {
    return this.#differences;
  }
}

export async function differential(input: ProgramInput, totals: Totals): Promise<void> {
  const program = buildProgram(input);
  if (!program.parses) throw new Error(`the grammar printed a program that does not parse:\n${program.source}`);
  const prepared = prepare(program.file, program.source);
  totals.cases++;
  if (prepared.skipped !== undefined) {
    // cowlens leaves a file TypeScript's parser rejects as it is: all three runs would run the same
    // text. Only JavaScript V8 accepts (imports aside, which Node would load natively) gets here.
    if (program.file.endsWith('.ts') || !compilesAsBody(program.source.replace(/^import\s.*$/gm, ''))) throw new Error(`the grammar printed a program that does not parse (${prepared.skipped}):\n${program.source}`);
    totals.unparsed++;
    return;
  }
  totals.sites += prepared.sites;
  totals.writes += prepared.writes;
  totals.unguardedHazards += program.unguarded;
  const plain = await execute(prepared, 'plain');
  // Joined lines of TypeScript may not compile (see parses in program.ts): the three runs must then fail alike.
  if (!plain.compiled && program.unguarded === 0) throw new Error(`the grammar printed a program that does not compile:\n${program.source}\n${plain.log.join('\n')}`);
  const outcomes = { plain, observe: await execute(prepared, 'observe'), cow: await execute(prepared, 'cow') };
  const differences = (['observe', 'cow'] as const).flatMap((mode) => {
    const d = firstDifference(plain, outcomes[mode]);
    return d === undefined ? [] : [{ mode, line: d, plain: plain.log[d], instrumented: outcomes[mode].log[d] }];
  });
  if (differences.length === 0) return;
  const known = differences.map(knownDivergence);
  if (known.some((k) => k === undefined)) throw new Divergence(program, differences, prepared, outcomes);
  totals.known[known[0]!]++;
}

function firstDifference(plain: Outcome, other: Outcome): number | undefined {
  const length = Math.max(plain.log.length, other.log.length);
  for (let i = 0; i < length; i++) if (plain.log[i] !== other.log[i]) return i;
  return undefined;
}

function report(program: Program, prepared: Prepared, outcomes: Readonly<Record<'plain' | RunMode, Outcome>>, differences: readonly Difference[]): string {
  const firstLine = (mode: RunMode): string => {
    const d = differences.find((x) => x.mode === mode);
    return d === undefined ? ' (as plain)' : `, differs from line ${String(d.line + 1)}`;
  };
  return [
    `instrumented ${program.file} does not do what the original does`,
    `--- program (${program.file})`,
    program.source,
    `--- plain\n${outcomes.plain.log.join('\n')}`,
    `--- observe${firstLine('observe')}\n${outcomes.observe.log.join('\n')}`,
    `--- cow${firstLine('cow')}\n${outcomes.cow.log.join('\n')}`,
    '--- instrumented',
    prepared.instrumented ?? '',
  ].join('\n');
}
