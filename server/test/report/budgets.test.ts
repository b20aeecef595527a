import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { checkBudgets, findRegressions, formatBudgetOutcome, parsePercent, type Report } from '../../src/report/index.js';
import { hazardReport, observeReport, report, site } from './sample-reports.js';

const hasAnsi = (text: string): boolean => stripVTControlCharacters(text) !== text;

/** A baseline of two sites copying 1 MB in all. */
const baseline = (): Report =>
  report({
    sites: [
      site('src/a.ts:1:1', 'object-spread', { executions: 10, materialized: 1, bytesCopied: 800_000 }),
      site('src/b.ts:2:2', 'array-slice', { executions: 10, materialized: 1, bytesCopied: 200_000 }),
    ],
  });

/** The baseline's sites with new byte counts, and extra sites. */
function current(a: number, b: number, extra: Parameters<typeof site>[] = []): Report {
  return report({
    sites: [
      site('src/a.ts:1:1', 'object-spread', { executions: 10, materialized: 1, bytesCopied: a }),
      site('src/b.ts:2:2', 'array-slice', { executions: 10, materialized: 1, bytesCopied: b }),
      ...extra.map((args) => site(...args)),
    ],
  });
}

describe('checkBudgets', () => {
  it('passes with no budget', () => {
    expect(checkBudgets(hazardReport(), {})).toEqual({ failed: false, violations: [], regressions: [] });
  });

  it('fails when the bytes copied are over maxBytesCopied, and not at it', () => {
    // observeReport copies 2 876 312 bytes.
    expect(checkBudgets(observeReport(), { maxBytesCopied: 2_876_312 }).failed).toBe(false);
    expect(checkBudgets(observeReport(), { maxBytesCopied: 2_876_311 })).toEqual({
      failed: true,
      violations: ['bytes copied 2.9 MB (2876312 B) are over the budget of 2.9 MB (2876311 B)'],
      regressions: [],
    });
  });

  it('fails on a hazard only when asked to', () => {
    expect(checkBudgets(hazardReport(), { failOnHazard: true }).violations).toEqual(['2 hazards found, and the budget allows none']);
    expect(checkBudgets(hazardReport(), { failOnHazard: false }).failed).toBe(false);
    expect(checkBudgets(observeReport(), { failOnHazard: true }).failed).toBe(false);
  });

  it('lists the sites that copy more than in the baseline, largest growth first, without failing', () => {
    const outcome = checkBudgets(current(900_000, 400_000), { baseline: baseline() });
    expect(outcome.failed).toBe(false);
    expect(outcome.regressions).toEqual([
      { file: 'src/b.ts', line: 2, column: 2, kind: 'array-slice', before: 200_000, after: 400_000, pct: 100 },
      { file: 'src/a.ts', line: 1, column: 1, kind: 'object-spread', before: 800_000, after: 900_000, pct: 12.5 },
    ]);
  });

  it('counts a new site, and a moved one, as a regression from nothing; a shrinking site as none', () => {
    const moved = current(800_000, 100_000, [
      ['src/a.ts:7:1', 'object-spread', { bytesCopied: 50 }],
      ['src/a.ts:1:1', 'array-spread', { bytesCopied: 0 }],
    ]);
    expect(findRegressions(moved, baseline())).toEqual([
      { file: 'src/a.ts', line: 7, column: 1, kind: 'object-spread', before: 0, after: 50, pct: Infinity },
    ]);
  });

  it('fails when the total grows more than maxRegressionPct', () => {
    // +10% in total, spread over both sites, each under 10% of the baseline total.
    expect(checkBudgets(current(860_000, 240_000), { baseline: baseline(), maxRegressionPct: 10 }).failed).toBe(false);
    const outcome = checkBudgets(current(870_000, 240_000), { baseline: baseline(), maxRegressionPct: 10 });
    expect(outcome.violations).toEqual(['bytes copied grew +11% over the baseline (1.0 MB → 1.1 MB), more than the 10% allowed']);
  });

  it("fails when one site grows more than maxRegressionPct of the baseline's total, even if the total does not", () => {
    const outcome = checkBudgets(current(650_000, 350_000), { baseline: baseline(), maxRegressionPct: 10 });
    expect(outcome.violations).toEqual([
      "src/b.ts:2:2 array-slice copies 150 kB more (200 kB → 350 kB): 15% of the baseline's total, more than the 10% allowed",
    ]);
  });

  it("does not fail on a small new site, but on a new site larger than maxRegressionPct of the baseline's total", () => {
    const small = current(800_000, 150_000, [['src/c.ts:3:3', 'map-copy', { bytesCopied: 40_000 }]]);
    const smallOutcome = checkBudgets(small, { baseline: baseline(), maxRegressionPct: 5 });
    expect(smallOutcome.failed).toBe(false);
    expect(smallOutcome.regressions.map((r) => r.pct)).toEqual([Infinity]);
    const big = current(800_000, 100_000, [['src/c.ts:3:3', 'map-copy', { bytesCopied: 60_000 }]]);
    expect(checkBudgets(big, { baseline: baseline(), maxRegressionPct: 5 }).violations).toEqual([
      "src/c.ts:3:3 map-copy copies 60 kB more (0 B → 60 kB): 6.0% of the baseline's total, more than the 5% allowed",
    ]);
  });

  it('fails on any growth over a baseline that copied nothing', () => {
    const empty = report({ sites: [] });
    const outcome = checkBudgets(current(1, 0), { baseline: empty, maxRegressionPct: 50 });
    expect(outcome.violations).toEqual([
      'bytes copied grew new over the baseline (0 B → 1 B), more than the 50% allowed',
      'src/a.ts:1:1 object-spread copies 1 B more (0 B → 1 B): the baseline copied nothing, more than the 50% allowed',
    ]);
  });

  it('collects every violation', () => {
    const outcome = checkBudgets(
      { ...hazardReport(), mode: 'observe' },
      { maxBytesCopied: 1, failOnHazard: true, baseline: baseline(), maxRegressionPct: 10 },
    );
    expect(outcome.failed).toBe(true);
    expect(outcome.violations).toEqual([
      'bytes copied 1.5 MB (1500000 B) are over the budget of 1 B',
      '2 hazards found, and the budget allows none',
      'bytes copied grew +50% over the baseline (1.0 MB → 1.5 MB), more than the 10% allowed',
      "src/cache.ts:21:12 map-copy copies 1.5 MB more (0 B → 1.5 MB): 150% of the baseline's total, more than the 10% allowed",
    ]);
  });

  it('refuses a regression limit without a baseline, and a baseline of another mode', () => {
    expect(() => checkBudgets(observeReport(), { maxRegressionPct: 5 })).toThrow('A maximum regression needs a baseline report to compare with.');
    expect(() => checkBudgets(observeReport(), { baseline: hazardReport() })).toThrow(
      'The baseline ran in cow mode and this run in observe mode: their bytes copied cannot be compared.',
    );
  });
});

describe('formatBudgetOutcome', () => {
  it('says the budget passed', () => {
    expect(formatBudgetOutcome({ failed: false, violations: [], regressions: [] }, false)).toEqual(['cowlens budget: passed']);
  });

  it('lists violations and regressions, new sites as new', () => {
    const outcome = checkBudgets(current(900_000, 400_000, [['src/c.ts:3:3', 'map-copy', { bytesCopied: 300_000 }]]), {
      baseline: baseline(),
      maxRegressionPct: 20,
    });
    expect(formatBudgetOutcome(outcome, false)).toEqual([
      'cowlens budget: failed',
      '  ✗ bytes copied grew +60% over the baseline (1.0 MB → 1.6 MB), more than the 20% allowed',
      "  ✗ src/c.ts:3:3 map-copy copies 300 kB more (0 B → 300 kB): 30% of the baseline's total, more than the 20% allowed",
      'regressions against the baseline (3):',
      '    new  0 B → 300 kB  src/c.ts:3:3 map-copy',
      '  +100%  200 kB → 400 kB  src/b.ts:2:2 array-slice',
      '   +13%  800 kB → 900 kB  src/a.ts:1:1 object-spread',
    ]);
  });

  it('lists the first 20 regressions and counts the rest', () => {
    const many = report({ sites: Array.from({ length: 25 }, (_unused, i) => site(`src/n${i}.ts:1:1`, 'array-from', { bytesCopied: 100 + i })) });
    const lines = formatBudgetOutcome(checkBudgets(many, { baseline: report() }), false);
    expect(lines).toHaveLength(2 + 20 + 1);
    expect(lines.at(-1)).toBe('  … and 5 more regressions');
  });

  it('colours only when asked to', () => {
    const outcome = checkBudgets(hazardReport(), { failOnHazard: true });
    expect(hasAnsi(formatBudgetOutcome(outcome, false).join('\n'))).toBe(false);
    expect(hasAnsi(formatBudgetOutcome(outcome, true)[0]!)).toBe(true);
  });
});

describe('parsePercent', () => {
  it.each([
    ['10', 10],
    ['10%', 10],
    [' 2.5 % ', 2.5],
    ['0', 0],
  ])('reads %j as %d', (text, pct) => {
    expect(parsePercent(text)).toBe(pct);
  });

  it.each(['', '-5', 'ten', '5%%', '1e3'])('rejects %j', (text) => {
    expect(() => parsePercent(text)).toThrow(`Invalid percentage "${text}": give a number of at least 0, optionally followed by %, for example 10 or 2.5%.`);
  });
});
