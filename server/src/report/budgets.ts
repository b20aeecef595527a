import picocolors from 'picocolors';
import { formatBytes } from './byte-units.js';
import { comparePlaces } from './canonical-order.js';
import { placeLabel, plural } from './labels.js';
import type { Report, SiteReport } from './model.js';
import type { CopyKind } from '../runtime/copy-kinds.js';

/**
 * Budgets CI can fail a build on.
 *
 * - `maxBytesCopied`: fails when the run's total `bytesCopied` is above it.
 * - `failOnHazard`: fails when the run has any hazard.
 * - `baseline`: a report of an earlier run, in the same mode, to compare with. A site is matched
 *   by file, line, column and kind; an edit that moves a site's line makes it a new site (and its
 *   old place a vanished one), so refresh the baseline along with such edits. A site regresses when
 *   it copies more bytes than in the baseline; a new site regresses from 0 when it copies anything.
 *   Sites that copy less, or vanished, are not listed.
 * - `maxRegressionPct` (needs `baseline`): without it regressions are listed but fail nothing; with
 *   it the budget fails when either
 *   (a) the run's total `bytesCopied` is more than this many percent above the baseline's total, or
 *   (b) one site's growth in bytes (after − before) is more than this many percent of the
 *       baseline's total.
 *   Single sites are measured against the total, not against their own baseline bytes, so a tiny
 *   site that doubles, or a small new one, does not fail a build, while one site's big growth
 *   still does when another site's shrinking hides it from the total. Any growth over a baseline
 *   total of 0 is infinitely many percent.
 */

export interface Budgets {
  readonly maxBytesCopied?: number;
  readonly failOnHazard?: boolean;
  readonly baseline?: Report;
  readonly maxRegressionPct?: number;
}

export interface Regression {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly kind: CopyKind;
  /** `bytesCopied` in the baseline; 0 for a new site. */
  readonly before: number;
  readonly after: number;
  /** Growth in percent of `before`; Infinity for a new site. */
  readonly pct: number;
}

export interface BudgetOutcome {
  readonly failed: boolean;
  /** One sentence per budget that failed. */
  readonly violations: string[];
  /** Every site that copies more than in the baseline, largest growth first. */
  readonly regressions: Regression[];
}

const siteKey = (site: Pick<SiteReport, 'file' | 'line' | 'column' | 'kind'>): string =>
  `${site.file}\0${site.line}\0${site.column}\0${site.kind}`;

const formatPct = (pct: number): string => `${pct < 10 ? pct.toFixed(1) : pct.toFixed(0)}%`;

/** `+12.5%`, `+300%`, or `new` for growth from nothing. */
function formatGrowth(pct: number): string {
  return pct === Infinity ? 'new' : `+${formatPct(pct)}`;
}

const growthPct = (before: number, after: number): number =>
  before === 0 ? (after > before ? Infinity : 0) : ((after - before) / before) * 100;

/** Rounded units can make a figure and its budget look equal; the exact count settles it. */
const exactBytes = (bytes: number): string => (bytes < 1000 ? formatBytes(bytes) : `${formatBytes(bytes)} (${bytes} B)`);

export function findRegressions(report: Report, baseline: Report): Regression[] {
  const before = new Map(baseline.sites.map((site) => [siteKey(site), site.bytesCopied]));
  const regressions: Regression[] = [];
  for (const site of report.sites) {
    const was = before.get(siteKey(site)) ?? 0;
    if (site.bytesCopied <= was) continue;
    const { file, line, column, kind } = site;
    regressions.push({ file, line, column, kind, before: was, after: site.bytesCopied, pct: growthPct(was, site.bytesCopied) });
  }
  return regressions.sort((a, b) => b.after - b.before - (a.after - a.before) || comparePlaces(a, b));
}

function regressionViolations(report: Report, baseline: Report, regressions: readonly Regression[], maxPct: number): string[] {
  const violations: string[] = [];
  const total = baseline.totals.bytesCopied;
  const totalPct = growthPct(total, report.totals.bytesCopied);
  if (totalPct > maxPct) {
    violations.push(
      `bytes copied grew ${formatGrowth(totalPct)} over the baseline (${formatBytes(total)} → ` +
        `${formatBytes(report.totals.bytesCopied)}), more than the ${maxPct}% allowed`,
    );
  }
  for (const regression of regressions) {
    const shareOfTotal = growthPct(total, total + regression.after - regression.before);
    if (shareOfTotal <= maxPct) continue;
    const share = shareOfTotal === Infinity ? 'the baseline copied nothing' : `${formatPct(shareOfTotal)} of the baseline's total`;
    violations.push(
      `${placeLabel(regression)} ${regression.kind} copies ${formatBytes(regression.after - regression.before)} more ` +
        `(${formatBytes(regression.before)} → ${formatBytes(regression.after)}): ${share}, more than the ${maxPct}% allowed`,
    );
  }
  return violations;
}

export function checkBudgets(report: Report, budgets: Budgets): BudgetOutcome {
  const { maxBytesCopied, failOnHazard, baseline, maxRegressionPct } = budgets;
  if (maxRegressionPct !== undefined && baseline === undefined) {
    throw new Error('A maximum regression needs a baseline report to compare with.');
  }
  if (baseline !== undefined && baseline.mode !== report.mode) {
    throw new Error(
      `The baseline ran in ${baseline.mode} mode and this run in ${report.mode} mode: their bytes copied ` +
        `cannot be compared. Use a baseline written in ${report.mode} mode.`,
    );
  }
  const violations: string[] = [];
  if (maxBytesCopied !== undefined && report.totals.bytesCopied > maxBytesCopied) {
    violations.push(
      `bytes copied ${exactBytes(report.totals.bytesCopied)} are over the budget of ${exactBytes(maxBytesCopied)}`,
    );
  }
  if (failOnHazard === true && report.hazards.length > 0) {
    violations.push(`${plural(report.hazards.length, 'hazard')} found, and the budget allows none`);
  }
  const regressions = baseline === undefined ? [] : findRegressions(report, baseline);
  if (baseline !== undefined && maxRegressionPct !== undefined) {
    violations.push(...regressionViolations(report, baseline, regressions, maxRegressionPct));
  }
  return { failed: violations.length > 0, violations, regressions };
}

/** Regressions beyond this many are counted, not listed: the first ones are the largest. */
const SHOWN_REGRESSIONS = 20;

/** The lines to print after a run, without trailing newlines. */
export function formatBudgetOutcome(outcome: BudgetOutcome, color: boolean): string[] {
  const c = picocolors.createColors(color);
  const lines = [outcome.failed ? c.red(c.bold('cowlens budget: failed')) : c.green('cowlens budget: passed')];
  lines.push(...outcome.violations.map((violation) => c.red(`  ✗ ${violation}`)));
  if (outcome.regressions.length > 0) {
    lines.push(`regressions against the baseline (${outcome.regressions.length}):`);
    const shown = outcome.regressions.slice(0, SHOWN_REGRESSIONS);
    const growthWidth = Math.max(...shown.map((regression) => formatGrowth(regression.pct).length));
    for (const regression of shown) {
      const growth = formatGrowth(regression.pct).padStart(growthWidth);
      lines.push(
        `  ${c.yellow(growth)}  ${formatBytes(regression.before)} → ${formatBytes(regression.after)}  ` +
          `${placeLabel(regression)} ${regression.kind}`,
      );
    }
    const hidden = outcome.regressions.length - shown.length;
    if (hidden > 0) lines.push(`  … and ${plural(hidden, 'more regression')}`);
  }
  return lines;
}

/** Reads a percentage given on the command line: `10`, `10%`, `2.5%`. */
export function parsePercent(text: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*%?$/.exec(text.trim());
  if (!match) {
    throw new Error(`Invalid percentage "${text}": give a number of at least 0, optionally followed by %, for example 10 or 2.5%.`);
  }
  return Number(match[1]);
}
