import { formatBytes } from './byte-units.js';
import { sortHazards, sortSites } from './canonical-order.js';
import { diagnosticPlaceLabel, placeLabel, plural, runSummary } from './labels.js';
import type { Report } from './model.js';
import { printable } from './printable.js';

/**
 * The report as GitHub-flavoured markdown for a job summary (`$GITHUB_STEP_SUMMARY`) or a pull
 * request comment. File names and messages come from the user's project, so every one is escaped:
 * a `|` would split a table cell, a backtick would end a code span, a `_` would start emphasis;
 * and since a summary may be printed to a CI log too, no control character is written raw.
 */

export interface MarkdownFormatOptions {
  /** How many sites the sites table shows; the rest are counted in one line. */
  readonly maxSites?: number;
}

export const DEFAULT_MARKDOWN_MAX_SITES = 50;

/** A code span that holds any text: the fence is one backtick longer than the longest run inside. */
export function markdownCode(raw: string): string {
  // A line break would end the table row the span sits in.
  const text = printable(raw.replace(/\r?\n/g, ' '));
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  // Spaces keep a backtick at either end of the text from joining the fence; CommonMark strips them.
  return longestRun > 0 ? `${fence} ${text} ${fence}` : `${fence}${text}${fence}`;
}

/** Plain text with the characters that would start emphasis, a link, HTML or a heading escaped. */
export function markdownText(text: string): string {
  return printable(text.replace(/[\\`*_[\]<>~#]/g, '\\$&').replace(/\r?\n/g, ' '));
}

/**
 * GFM splits table cells on every `|`, even inside a code span, before it reads any markup; `\|`
 * is the one escape it honours there, so it is applied to whole cells, last.
 */
function tableRow(cells: readonly string[]): string {
  return `| ${cells.map((cell) => cell.replaceAll('|', '\\|')).join(' | ')} |`;
}

function table(header: readonly string[], align: readonly ('left' | 'right')[], rows: readonly string[][]): string[] {
  return [
    tableRow(header),
    tableRow(align.map((side) => (side === 'right' ? '---:' : ':---'))),
    ...rows.map((row) => tableRow(row)),
  ];
}

function totalsSection(report: Report): string[] {
  const { totals } = report;
  return [
    '### Totals',
    '',
    ...table(
      ['sites', 'executions', 'materialized', 'eager', 'bytes copied', 'bytes saved', 'shared max', 'hazards'],
      ['right', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
      [
        [
          String(totals.sites),
          String(totals.executions),
          String(totals.materialized),
          String(totals.eager),
          formatBytes(totals.bytesCopied),
          formatBytes(totals.bytesSaved),
          String(totals.sharedMax),
          String(totals.hazards),
        ],
      ],
    ),
  ];
}

function sitesSection(report: Report, maxSites: number): string[] {
  if (report.sites.length === 0) return ['### Copy sites', '', 'No copy site ran.'];
  const sites = sortSites(report.sites);
  const shown = sites.slice(0, maxSites);
  const lines = [
    `### Copy sites (largest ${shown.length} of ${sites.length})`,
    '',
    ...table(
      ['site', 'kind', 'executions', 'materialized', 'eager', 'copied', 'saved', 'shared max'],
      ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right'],
      shown.map((site) => [
        markdownCode(placeLabel(site)),
        site.kind,
        String(site.executions),
        String(site.materialized),
        String(site.eager),
        formatBytes(site.bytesCopied),
        formatBytes(site.bytesSaved),
        String(site.sharedMax),
      ]),
    ),
  ];
  const hidden = sites.length - shown.length;
  if (hidden > 0) lines.push('', `…and ${plural(hidden, 'more site')}, not shown.`);
  return lines;
}

function hazardsSection(report: Report): string[] {
  if (report.hazards.length === 0) return [];
  return [
    '',
    `### Hazards (${report.hazards.length})`,
    '',
    ...table(
      ['site', 'kind', 'count', 'message'],
      ['left', 'left', 'right', 'left'],
      sortHazards(report.hazards).map((hazard) => [
        markdownCode(placeLabel(hazard)),
        hazard.kind,
        String(hazard.count),
        markdownText(hazard.message),
      ]),
    ),
  ];
}

function diagnosticsSection(report: Report): string[] {
  if (report.diagnostics.length === 0) return [];
  return [
    '',
    `### Diagnostics (${report.diagnostics.length})`,
    '',
    ...report.diagnostics.map((diagnostic) => {
      const place = diagnosticPlaceLabel(diagnostic);
      return `- **${diagnostic.severity}**${place === undefined ? '' : ` ${markdownCode(place)}`}: ${markdownText(diagnostic.message)}`;
    }),
  ];
}

function incompleteWarning(report: Report): string[] {
  if (report.complete) return [];
  return [
    '> [!WARNING]',
    '> This report is incomplete: some figures may be missing.',
    ...report.incomplete.map((reason) => `> - ${markdownText(reason)}`),
    '',
  ];
}

export function formatMarkdown(report: Report, options: MarkdownFormatOptions = {}): string {
  const [mode, command, ...rest] = runSummary(report);
  const lines = [
    '## cowlens report',
    '',
    [mode!, markdownCode(command!), ...rest].join(' · '),
    '',
    ...incompleteWarning(report),
    ...totalsSection(report),
    '',
    ...sitesSection(report, options.maxSites ?? DEFAULT_MARKDOWN_MAX_SITES),
    ...hazardsSection(report),
    ...diagnosticsSection(report),
  ];
  return `${lines.join('\n')}\n`;
}
