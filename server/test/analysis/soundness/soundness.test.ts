/**
 * The could-share hint's soundness suite. Every program is scanned, run as written, and run with
 * copies dropped the way the hint suggests (the original passed instead):
 * - a needed copy (dropping it changes the output) must not be claimed;
 * - every claimed site of every program, when dropped, must leave the output as it was
 *   (precision, which must be 100%);
 * - a read-only copy (dropping it leaves the output as it was) should be claimed: the share that
 *   is, is the recall, printed at the end.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { scanSource } from '../../../src/analysis/scan-source.js';
import { NEEDED, type Program, READ_ONLY } from './programs.js';
import { dropCopyAt, markedOffset, offsetOf, type Outcome, run } from './run-program.js';

const figures = { claimed: 0, claimedDroppable: 0, readOnly: 0, readOnlyClaimed: 0 };

/** The output a program's user sees: what it prints, and how it ends. */
const seen = (outcome: Outcome): { status: number | null; stdout: string } => ({ status: outcome.status, stdout: outcome.stdout });

/** The start offsets of the program's claimed sites, and whether the marked copy is one of them. */
function claims(program: Program): { claimed: number[]; markedClaimed: boolean; markedFound: boolean } {
  const { sites } = scanSource(program.file, program.code);
  const marked = markedOffset(program);
  const starts = sites.map((s) => ({ start: offsetOf(program.code, s.line, s.column), couldShare: s.couldShare }));
  const claimed = starts.filter((s) => s.couldShare).map((s) => s.start);
  return { claimed, markedClaimed: claimed.includes(marked), markedFound: starts.some((s) => s.start === marked) };
}

/** Drops every claimed site, one at a time, and checks the output stays the program's own. */
function checkClaimedDrops(program: Program, claimed: readonly number[], original: Outcome): void {
  for (const offset of claimed) {
    figures.claimed++;
    const dropped = run(program, dropCopyAt(program, offset));
    expect(seen(dropped), `${program.name}: the claimed site at offset ${String(offset)} changed the output when dropped`).toEqual(seen(original));
    figures.claimedDroppable++;
  }
}

describe('could share: copies a program needs are never claimed', () => {
  it.each(NEEDED.map((p) => [`${p.group}: ${p.name}`, p] as const))('%s', (_title, program) => {
    const { claimed, markedClaimed, markedFound } = claims(program);
    expect(markedFound, 'the marked copy is a copy site').toBe(true);
    expect(markedClaimed).toBe(false);
    const original = run(program);
    expect(original.stderr).toBe('');
    expect(original.status).toBe(0);
    const dropped = run(program, dropCopyAt(program, markedOffset(program)));
    // The copy is needed: without it the program prints something else.
    expect(seen(dropped)).not.toEqual(seen(original));
    checkClaimedDrops(program, claimed, original);
  });
});

describe('could share: read-only copies', () => {
  it.each(READ_ONLY.map((p) => [`${p.group}: ${p.name}`, p] as const))('%s', (_title, program) => {
    const { claimed, markedClaimed, markedFound } = claims(program);
    expect(markedFound, 'the marked copy is a copy site').toBe(true);
    const original = run(program);
    expect(original.stderr).toBe('');
    expect(original.status).toBe(0);
    // The copy is read-only: without it the program prints the same.
    expect(seen(run(program, dropCopyAt(program, markedOffset(program))))).toEqual(seen(original));
    figures.readOnly++;
    if (markedClaimed) figures.readOnlyClaimed++;
    expect(markedClaimed).toBe(program.group.startsWith('proved'));
    checkClaimedDrops(program, claimed, original);
  });
});

afterAll(() => {
  const percent = (part: number, whole: number): string => (whole === 0 ? 'n/a' : `${((part / whole) * 100).toFixed(1)}%`);
  console.log(
    `could share: precision ${percent(figures.claimedDroppable, figures.claimed)} (${String(figures.claimedDroppable)} of ${String(figures.claimed)} claimed sites droppable), ` +
      `recall ${percent(figures.readOnlyClaimed, figures.readOnly)} (${String(figures.readOnlyClaimed)} of ${String(figures.readOnly)} read-only copies claimed); ` +
      `${String(NEEDED.length)} needed copies, none claimed`,
  );
});
