import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TEXT_MAX_SITES, formatText, sortSites } from '../../src/report/index.js';
import { MAX_SITE_WIDTH } from '../../src/report/format-text.js';
import { placeLabel } from '../../src/report/labels.js';
import {
  awkwardNamesReport,
  emptyReport,
  hazardReport,
  incompleteReport,
  LONG_FILE,
  manySitesReport,
  observeReport,
  point,
  report,
  site,
} from './sample-reports.js';

const plain = { color: false };
const hasAnsi = (text: string): boolean => stripVTControlCharacters(text) !== text;

/** The table's lines: from the header to the totals line. */
function tableLines(text: string): string[] {
  const lines = text.split('\n');
  const start = lines.findIndex((line) => line.startsWith('site '));
  const end = lines.findIndex((line) => line.startsWith('total ('));
  return lines.slice(start, end + 1);
}

/** Where each column starts in the header; every row must put its cells there. */
function columnStarts(header: string): number[] {
  return ['site', 'kind'].map((title) => header.indexOf(title));
}

describe('formatText', () => {
  it('titles the saving by mode: what cow mode saved, what observe mode says copy-on-write would save', () => {
    expect(tableLines(formatText(observeReport(), plain))[0]).toMatch(/^site\s+kind\s+executions\s+materialized\s+eager\s+copied\s+would save\s+sharedMax$/);
    expect(tableLines(formatText(hazardReport(), plain))[0]).toMatch(/^site\s+kind\s+executions\s+materialized\s+eager\s+copied\s+saved\s+sharedMax$/);
  });

  it('lists sites largest first, with a totals line', () => {
    const text = formatText(observeReport(), plain);
    const rows = tableLines(text).filter((line) => /^src\//.test(line));
    expect(rows.map((row) => row.split(/\s+/)[0])).toEqual(sortSites(observeReport().sites).map((site) => placeLabel(site)));
    expect(rows[0]).toMatch(/^src\/store\.ts:42:17\s+object-spread\s+1200\s+340\s+60\s+2\.4 MB\s+1\.6 MB\s+14$/);
    expect(tableLines(text).at(-1)).toMatch(/^total \(4 sites\)\s+1705\s+342\s+60\s+2\.9 MB\s+2\.0 MB\s+31$/);
  });

  it('indents the copy points of a site under it', () => {
    const lines = formatText(observeReport(), plain).split('\n');
    const store = lines.findIndex((line) => line.startsWith('src/store.ts:42:17'));
    expect(lines.slice(store + 1, store + 3)).toEqual([
      '    ↳ written at src/store.ts:57:5  300×  600 kB',
      '    ↳ written at src/reducers/todo.ts:12:9  40×  80 kB',
    ]);
    expect(formatText(hazardReport(), plain)).toContain('    ↳ written at <uninstrumented code>  9×  1.1 MB');
  });

  it('lists copy points under the top ten sites only, three each', () => {
    const written = report({
      sites: Array.from({ length: 12 }, (_unused, i) =>
        site(`src/s${i}.ts:1:1`, 'array-spread', {
          executions: 10,
          materialized: 5,
          bytesCopied: 1000 * (20 - i),
          copyPoints: [1, 2, 3, 4].map((n) => point(`src/s${i}.ts:${n + 1}:1`, 5 - n, 10)),
        }),
      ),
    });
    const lines = tableLines(formatText(written, plain));
    const under = (label: string): string[] => {
      const at = lines.findIndex((line) => line.startsWith(label));
      const next = lines.findIndex((line, i) => i > at && !line.startsWith('    ↳'));
      return lines.slice(at + 1, next);
    };
    expect(under('src/s0.ts')).toEqual([
      '    ↳ written at src/s0.ts:2:1  4×  10 B',
      '    ↳ written at src/s0.ts:3:1  3×  10 B',
      '    ↳ written at src/s0.ts:4:1  2×  10 B',
      '    ↳ … and 1 more copy point',
    ]);
    expect(under('src/s9.ts')).toHaveLength(4);
    expect(under('src/s10.ts')).toEqual([]);
    expect(under('src/s11.ts')).toEqual([]);
  });

  it('keeps its columns aligned when a file name is far wider than the column', () => {
    const lines = tableLines(formatText(awkwardNamesReport(), plain));
    const [header, ...rows] = lines;
    const [, kindStart] = columnStarts(header!);
    expect(kindStart).toBe(MAX_SITE_WIDTH + 2);
    for (const row of rows) {
      expect(row).toHaveLength(header!.length);
      expect(row[kindStart! - 1]).toBe(' ');
    }
    for (const row of rows.slice(0, -1)) expect(row[kindStart!]).not.toBe(' ');
    const long = rows.find((row) => row.startsWith('…'))!;
    expect(long.slice(0, MAX_SITE_WIDTH)).toBe(`…${`${LONG_FILE}:120:33`.slice(-(MAX_SITE_WIDTH - 1))}`);
    expect(long).toContain('normalize-selection-ranges.ts:120:33  object-assign');
  });

  it('keeps columns aligned across 500 sites of every kind', () => {
    const [header, ...rows] = tableLines(formatText(manySitesReport(), { color: false, maxSites: 500 })).filter((line) => !line.startsWith('    ↳'));
    expect(rows).toHaveLength(501);
    const [, kindStart] = columnStarts(header!);
    for (const row of rows) {
      expect(row).toHaveLength(header!.length);
      expect(row[kindStart! - 1]).toBe(' ');
    }
  });

  it('shows the largest sites and counts the rest', () => {
    const text = formatText(manySitesReport(), plain);
    expect(tableLines(text).filter((line) => line.startsWith('src/'))).toHaveLength(DEFAULT_TEXT_MAX_SITES);
    expect(text).toContain(`… and ${500 - DEFAULT_TEXT_MAX_SITES} more sites`);
    const few = formatText(manySitesReport(), { color: false, maxSites: 5 });
    expect(tableLines(few).filter((line) => line.startsWith('src/'))).toHaveLength(5);
    expect(few).toContain('… and 495 more sites');
    expect(tableLines(few).at(-1)).toMatch(/^total \(500 sites\)/);
  });

  it('uses no escape codes without colour', () => {
    for (const report of [observeReport(), hazardReport(), incompleteReport(), manySitesReport()]) {
      expect(hasAnsi(formatText(report, plain))).toBe(false);
    }
  });

  it('paints waste red and savings green, without moving a column', () => {
    const coloured = formatText(incompleteReport(), { color: true });
    expect(hasAnsi(coloured)).toBe(true);
    const row = coloured.split('\n').find((line) => line.includes('json-roundtrip'))!;
    // 6800 of 7000 copies written, and all of the run's copied bytes: both red. 1.2 MB saved: green.
    expect(row).toContain('\x1b[31m        6800\x1b[39m');
    expect(row).toContain('\x1b[31m 56 MB\x1b[39m');
    expect(row).toContain('\x1b[32m1.2 MB\x1b[39m');
    expect(stripVTControlCharacters(coloured)).toBe(formatText(incompleteReport(), plain));
  });

  it('leaves sites that copy little of the run unpainted', () => {
    const row = formatText(observeReport(), { color: true })
      .split('\n')
      .find((line) => line.includes('set-copy'))!;
    expect(row).not.toContain('\x1b[31m');
  });

  it('warns when the report is incomplete, with the reasons', () => {
    const lines = formatText(incompleteReport(), plain).split('\n');
    expect(lines.slice(1, 4)).toEqual([
      'warning: this report is incomplete, some figures may be missing:',
      '  - process 4182 was killed by SIGKILL before it sent its last figures',
      '  - the run timed out after 600 s',
    ]);
    expect(lines[0]).toBe('cowlens report: cow mode, npm run test:e2e, killed by SIGKILL, 10 min 0 s, 2 processes');
    expect(formatText(observeReport(), plain)).not.toContain('incomplete');
  });

  it('lists hazards with their place and message, and diagnostics', () => {
    const text = formatText(hazardReport(), plain);
    expect(text).toContain(
      '\nhazards (2):\n' +
        '  src/cache.ts:21:12  uninstrumented-write  9×  code that cowlens did not instrument changed a value that copies made here share: those copies may show the change\n' +
        '  src/worker.ts:5:3   eager-fallback        4×  a SharedArrayBuffer cannot be shared copy-on-write: copied eagerly\n',
    );
    expect(text).toContain(
      '\ndiagnostics (2):\n' +
        '  warning  src/legacy.js:3:14  could not instrument: syntax error at 3:14\n' +
        '  info     node_modules was not instrumented\n',
    );
    expect(formatText(observeReport(), plain)).not.toContain('hazards');
  });

  it('says so when no copy site ran', () => {
    expect(formatText(emptyReport(), plain)).toBe('cowlens report: observe mode, node noop.js, exit 0, 120 ms, 1 process\n\nNo copy site ran.\n');
  });
});
