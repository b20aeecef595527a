import { describe, expect, it } from 'vitest';
import { DEFAULT_MARKDOWN_MAX_SITES, formatMarkdown } from '../../src/report/index.js';
import { markdownCode, markdownText } from '../../src/report/format-markdown.js';
import { awkwardNamesReport, emptyReport, hazardReport, incompleteReport, manySitesReport, observeReport } from './sample-reports.js';

/** The rows of the table under a heading, header and delimiter row excluded. */
function tableRows(markdown: string, heading: string): string[] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => line.startsWith(heading));
  const rows: string[] = [];
  for (const line of lines.slice(start + 1).filter((_line, i) => i > 0)) {
    if (!line.startsWith('|')) break;
    rows.push(line);
  }
  return rows.slice(2);
}

/** Splits a row the way GFM does: on every `|` that is not escaped. */
function cells(row: string): string[] {
  return row
    .slice(1, -1)
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim());
}

describe('formatMarkdown', () => {
  it('has a heading, the run and a totals table', () => {
    const markdown = formatMarkdown(observeReport());
    expect(markdown.startsWith('## cowlens report\n\nobserve mode · `node --test test/store.test.js` · exit 0 · 4.2 s · 2 processes\n')).toBe(true);
    expect(tableRows(markdown, '### Totals').map(cells)).toEqual([['4', '1705', '342', '60', '2.9 MB', '2.0 MB', '31', '0']]);
  });

  it('lists the sites largest first', () => {
    const rows = tableRows(formatMarkdown(observeReport()), '### Copy sites').map(cells);
    expect(rows.map((row) => row[0])).toEqual(['`src/store.ts:42:17`', '`src/history.ts:18:22`', '`src/config.ts:3:16`', '`src/util/tags.ts:7:9`']);
    expect(rows[0]).toEqual(['`src/store.ts:42:17`', 'object-spread', '1200', '340', '60', '2.4 MB', '1.6 MB', '14']);
  });

  it('shows the top 50 sites and says how many more there are', () => {
    const markdown = formatMarkdown(manySitesReport());
    expect(markdown).toContain(`### Copy sites (largest ${DEFAULT_MARKDOWN_MAX_SITES} of 500)`);
    expect(tableRows(markdown, '### Copy sites')).toHaveLength(DEFAULT_MARKDOWN_MAX_SITES);
    expect(markdown).toContain('…and 450 more sites, not shown.');
    const ten = formatMarkdown(manySitesReport(), { maxSites: 10 });
    expect(tableRows(ten, '### Copy sites')).toHaveLength(10);
    expect(ten).toContain('…and 490 more sites, not shown.');
    expect(formatMarkdown(observeReport())).not.toContain('more site');
  });

  it('escapes pipes and backticks in file names so every row keeps its cells', () => {
    const markdown = formatMarkdown(awkwardNamesReport());
    const rows = tableRows(markdown, '### Copy sites');
    expect(rows).toHaveLength(4);
    for (const row of rows) expect(cells(row)).toHaveLength(8);
    expect(rows.map((row) => cells(row)[0])).toEqual([
      '`packages/very-long-package-name/src/features/editor/state/internal/reducers/selection/normalize-selection-ranges.ts:120:33`',
      '`src/a\\|b.ts:1:1`',
      '`` src/`tick`.ts:2:2 ``',
      '`src/__tests__/*star*.ts:3:3`',
    ]);
    const hazard = tableRows(markdown, '### Hazards').map(cells);
    expect(hazard).toEqual([['`src/a\\|b.ts:1:1`', 'eager-fallback', '1', 'a value with a \\| pipe, \\`code\\` and \\<html\\> in its message']]);
  });

  it('makes code spans that hold any run of backticks', () => {
    expect(markdownCode('plain')).toBe('`plain`');
    expect(markdownCode('a`b')).toBe('`` a`b ``');
    expect(markdownCode('``x``')).toBe('``` ``x`` ```');
    expect(markdownCode('two\nlines')).toBe('`two lines`');
    expect(markdownText('__init__ *x* [link](y) <b> ~~s~~ #1')).toBe('\\_\\_init\\_\\_ \\*x\\* \\[link\\](y) \\<b\\> \\~\\~s\\~\\~ \\#1');
  });

  it('lists hazards and diagnostics', () => {
    const markdown = formatMarkdown(hazardReport());
    expect(tableRows(markdown, '### Hazards (2)').map((row) => cells(row).slice(0, 3))).toEqual([
      ['`src/cache.ts:21:12`', 'uninstrumented-write', '9'],
      ['`src/worker.ts:5:3`', 'eager-fallback', '4'],
    ]);
    expect(markdown).toContain(
      '### Diagnostics (2)\n\n- **warning** `src/legacy.js:3:14`: could not instrument: syntax error at 3:14\n- **info**: node\\_modules was not instrumented\n',
    );
    expect(formatMarkdown(observeReport())).not.toMatch(/Hazards|Diagnostics/);
  });

  it('warns when the report is incomplete', () => {
    expect(formatMarkdown(incompleteReport())).toContain(
      '> [!WARNING]\n> This report is incomplete: some figures may be missing.\n' +
        '> - process 4182 was killed by SIGKILL before it sent its last figures\n> - the run timed out after 600 s\n',
    );
    expect(formatMarkdown(observeReport())).not.toContain('[!WARNING]');
  });

  it('says so when no copy site ran', () => {
    const markdown = formatMarkdown(emptyReport());
    expect(markdown).toContain('### Copy sites\n\nNo copy site ran.\n');
    expect(tableRows(markdown, '### Totals').map(cells)).toEqual([['0', '0', '0', '0', '0 B', '0 B', '0', '0']]);
  });
});
