import picocolors from 'picocolors';
import { formatBytes } from './byte-units.js';
import { sortHazards, sortSites } from './canonical-order.js';
import { HAZARD_SEVERITY } from './hazard-severity.js';
import { diagnosticPlaceLabel, placeLabel, plural, runSummary } from './labels.js';
import type { Report, SiteReport } from './model.js';
import { printable } from './printable.js';
import { savingWords } from './saving-words.js';

/**
 * The report for a terminal: a table of the largest sites, the writes that forced their copies,
 * hazards and diagnostics. Cells are padded before they are coloured, so the escape codes never
 * shift a column.
 */

export interface TextFormatOptions {
  readonly color: boolean;
  /** How many sites the table shows; the rest are counted in one line. */
  readonly maxSites?: number;
}

export const DEFAULT_TEXT_MAX_SITES = 30;
/** Copy points are listed under this many of the top sites, this many each: enough to act on. */
const SITES_WITH_COPY_POINTS = 10;
const COPY_POINTS_PER_SITE = 3;
/** Longer site labels lose their start: the file name and position at the end are what identify them. */
export const MAX_SITE_WIDTH = 60;

type Colors = ReturnType<typeof picocolors.createColors>;
type Align = 'left' | 'right';

interface Cell {
  readonly text: string;
  readonly paint?: (text: string) => string;
}

/** The columns' titles; in observe mode the bytes saved are what copy-on-write would save. */
const header = (report: Report): readonly string[] => ['site', 'kind', 'executions', 'materialized', 'eager', 'copied', savingWords(report.mode), 'sharedMax'];
const ALIGN: readonly Align[] = ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right'];

function truncateLeft(text: string, width: number): string {
  return text.length <= width ? text : `…${text.slice(text.length - width + 1)}`;
}

function pad(text: string, width: number, align: Align): string {
  return align === 'left' ? text.padEnd(width) : text.padStart(width);
}

/**
 * A site's copying is waste worth flagging when most of its copies get written (sharing cannot
 * help them) or when it alone accounts for a tenth of the bytes the run copied.
 */
function siteCells(site: SiteReport, report: Report, c: Colors): Cell[] {
  const mostlyWritten = site.materialized > 0 && site.materialized * 2 >= site.executions;
  const bigCopier = site.bytesCopied > 0 && site.bytesCopied * 10 >= report.totals.bytesCopied;
  return [
    { text: placeLabel(site) },
    { text: site.kind },
    { text: String(site.executions) },
    { text: String(site.materialized), ...(mostlyWritten ? { paint: c.red } : {}) },
    { text: String(site.eager) },
    { text: formatBytes(site.bytesCopied), ...(bigCopier ? { paint: c.red } : {}) },
    { text: formatBytes(site.bytesSaved), ...(site.bytesSaved > 0 ? { paint: c.green } : {}) },
    { text: String(site.sharedMax) },
  ];
}

function totalCells(report: Report): Cell[] {
  const { totals } = report;
  return [
    { text: `total (${plural(totals.sites, 'site')})` },
    { text: '' },
    { text: String(totals.executions) },
    { text: String(totals.materialized) },
    { text: String(totals.eager) },
    { text: formatBytes(totals.bytesCopied) },
    { text: formatBytes(totals.bytesSaved) },
    { text: String(totals.sharedMax) },
  ];
}

function copyPointLines(site: SiteReport): string[] {
  const shown = site.copyPoints.slice(0, COPY_POINTS_PER_SITE);
  const lines = shown.map(
    (point) => `    ↳ written at ${placeLabel(point)}  ${point.count}×  ${formatBytes(point.bytes)}`,
  );
  const more = site.copyPoints.length - shown.length;
  if (more > 0) lines.push(`    ↳ … and ${plural(more, 'more copy point')}`);
  return lines;
}

function siteTable(report: Report, maxSites: number, c: Colors): string[] {
  const sites = sortSites(report.sites);
  const shown = sites.slice(0, maxSites);
  const rows = shown.map((site) => siteCells(site, report, c));
  const totals = totalCells(report);
  const titles: Cell[] = header(report).map((text) => ({ text }));
  const widths = titles.map((_title, column) => Math.max(...[titles, totals, ...rows].map((row) => row[column]!.text.length)));
  widths[0] = Math.min(widths[0]!, MAX_SITE_WIDTH);
  const render = (row: readonly Cell[]): string =>
    row
      .map((cell, column) => {
        const text = pad(truncateLeft(cell.text, widths[column]!), widths[column]!, ALIGN[column]!);
        return cell.paint ? cell.paint(text) : text;
      })
      .join('  ');

  const lines = [c.bold(render(titles))];
  shown.forEach((site, i) => {
    lines.push(render(rows[i]!));
    if (i < SITES_WITH_COPY_POINTS) lines.push(...copyPointLines(site).map((line) => c.dim(line)));
  });
  const hidden = sites.length - shown.length;
  if (hidden > 0) lines.push(c.dim(`… and ${plural(hidden, 'more site')}`));
  lines.push(c.bold(render(totals)));
  return lines;
}

function hazardLines(report: Report, c: Colors): string[] {
  if (report.hazards.length === 0) return [];
  const hazards = sortHazards(report.hazards);
  const placeWidth = Math.min(MAX_SITE_WIDTH, Math.max(...hazards.map((hazard) => placeLabel(hazard).length)));
  const kindWidth = Math.max(...hazards.map((hazard) => hazard.kind.length));
  return [
    '',
    c.bold(`hazards (${hazards.length}):`),
    ...hazards.map((hazard) => {
      const paint = HAZARD_SEVERITY[hazard.kind] === 'error' ? c.red : c.yellow;
      const place = truncateLeft(placeLabel(hazard), placeWidth).padEnd(placeWidth);
      return `  ${place}  ${paint(hazard.kind.padEnd(kindWidth))}  ${hazard.count}×  ${printable(hazard.message)}`;
    }),
  ];
}

function diagnosticLines(report: Report, c: Colors): string[] {
  if (report.diagnostics.length === 0) return [];
  const paint = { error: c.red, warning: c.yellow, info: c.dim };
  return [
    '',
    c.bold(`diagnostics (${report.diagnostics.length}):`),
    ...report.diagnostics.map((diagnostic) => {
      const place = diagnosticPlaceLabel(diagnostic);
      const severity = paint[diagnostic.severity](diagnostic.severity.padEnd('warning'.length));
      return `  ${severity}  ${place === undefined ? '' : `${place}  `}${printable(diagnostic.message)}`;
    }),
  ];
}

export function formatText(report: Report, options: TextFormatOptions): string {
  const c = picocolors.createColors(options.color);
  const lines = [`${c.bold('cowlens report')}: ${runSummary(report).join(', ')}`];
  if (!report.complete) {
    lines.push(c.yellow('warning: this report is incomplete, some figures may be missing:'));
    lines.push(...report.incomplete.map((reason) => c.yellow(`  - ${printable(reason)}`)));
  }
  lines.push('');
  if (report.sites.length === 0) lines.push('No copy site ran.');
  else lines.push(...siteTable(report, options.maxSites ?? DEFAULT_TEXT_MAX_SITES, c));
  lines.push(...hazardLines(report, c), ...diagnosticLines(report, c));
  return `${lines.join('\n')}\n`;
}
