import { type CopyKind, COPY_KINDS, isDeepKind } from '../../src/runtime/copy-kinds.js';
import {
  type CopyPointReport,
  REPORT_SCHEMA_VERSION,
  type Report,
  type SiteReport,
  sortSites,
  summarizeTotals,
  UNINSTRUMENTED_FILE,
} from '../../src/report/index.js';

/** Realistic reports for the report tests: what a run of a small app's test suite could give. */

export function site(place: `${string}:${number}:${number}`, kind: CopyKind, figures: Partial<SiteReport> = {}): SiteReport {
  const [, file, line, column] = /^(.*):(\d+):(\d+)$/.exec(place)!;
  return {
    file: file!,
    line: Number(line),
    column: Number(column),
    kind,
    deep: isDeepKind(kind),
    executions: 1,
    materialized: 0,
    eager: 0,
    bytesCopied: 0,
    bytesSaved: 0,
    sharedMax: 1,
    copyPoints: [],
    ...figures,
  };
}

export function point(place: `${string}:${number}:${number}`, count: number, bytes: number): CopyPointReport {
  const [, file, line, column] = /^(.*):(\d+):(\d+)$/.exec(place)!;
  return { file: file!, line: Number(line), column: Number(column), count, bytes };
}

export function uninstrumentedPoint(count: number, bytes: number): CopyPointReport {
  return { file: UNINSTRUMENTED_FILE, line: 0, column: 0, count, bytes };
}

type ReportParts = Partial<Omit<Report, 'totals'>>;

/** A report whose totals and order are what cowlens would write for these sites and hazards. */
export function report(parts: ReportParts = {}): Report {
  const sites = sortSites(parts.sites ?? []);
  const hazards = parts.hazards ?? [];
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'cowlens', version: '0.1.0' },
    mode: 'observe',
    command: ['npm', 'test'],
    exitCode: 0,
    signal: null,
    complete: true,
    incomplete: [],
    startedAt: '2025-03-14T09:26:53.589Z',
    durationMs: 4210,
    processes: 1,
    diagnostics: [],
    ...parts,
    sites,
    hazards,
    totals: summarizeTotals(sites, hazards),
  };
}

/** An editor's store test suite in observe mode: one costly written copy, one never written. */
export function observeReport(): Report {
  return report({
    command: ['node', '--test', 'test/store.test.js'],
    processes: 2,
    sites: [
      site('src/store.ts:42:17', 'object-spread', {
        executions: 1200,
        materialized: 340,
        eager: 60,
        bytesCopied: 2_400_000,
        bytesSaved: 1_650_000,
        sharedMax: 14,
        copyPoints: [point('src/store.ts:57:5', 300, 600_000), point('src/reducers/todo.ts:12:9', 40, 80_000)],
      }),
      site('src/history.ts:18:22', 'array-slice', {
        executions: 500,
        bytesCopied: 380_000,
        bytesSaved: 380_000,
        sharedMax: 31,
      }),
      site('src/config.ts:3:16', 'structured-clone', {
        executions: 2,
        materialized: 2,
        bytesCopied: 96_000,
        sharedMax: 1,
        copyPoints: [point('src/config.ts:9:3', 2, 96_000)],
      }),
      site('src/util/tags.ts:7:9', 'set-copy', { executions: 3, bytesCopied: 312, bytesSaved: 312, sharedMax: 2 }),
    ],
  });
}

/** Cow mode meeting code it did not instrument: both hazard kinds, an uninstrumented copy point. */
export function hazardReport(): Report {
  return report({
    mode: 'cow',
    command: ['npx', 'vitest', 'run'],
    exitCode: 1,
    processes: 3,
    sites: [
      site('src/cache.ts:21:12', 'map-copy', {
        executions: 90,
        materialized: 12,
        bytesCopied: 1_500_000,
        bytesSaved: 9_000_000,
        sharedMax: 40,
        copyPoints: [uninstrumentedPoint(9, 1_100_000), point('src/cache.ts:30:7', 3, 400_000)],
      }),
      site('src/worker.ts:5:3', 'post-message', { executions: 4, bytesSaved: 20_000, sharedMax: 2 }),
    ],
    hazards: [
      {
        file: 'src/cache.ts',
        line: 21,
        column: 12,
        kind: 'uninstrumented-write',
        message: 'code that cowlens did not instrument changed a value that copies made here share: those copies may show the change',
        count: 9,
      },
      {
        file: 'src/worker.ts',
        line: 5,
        column: 3,
        kind: 'eager-fallback',
        message: 'a SharedArrayBuffer cannot be shared copy-on-write: copied eagerly',
        count: 4,
      },
    ],
    diagnostics: [
      { severity: 'warning', message: 'could not instrument: syntax error at 3:14', file: 'src/legacy.js', line: 3, column: 14 },
      { severity: 'info', message: 'node_modules was not instrumented' },
    ],
  });
}

/** A run whose test process was killed by a timeout: the figures of its last batch are missing. */
export function incompleteReport(): Report {
  return report({
    mode: 'cow',
    command: ['npm', 'run', 'test:e2e'],
    exitCode: null,
    signal: 'SIGKILL',
    complete: false,
    incomplete: [
      'process 4182 was killed by SIGKILL before it sent its last figures',
      'the run timed out after 600 s',
    ],
    durationMs: 600_000,
    processes: 2,
    sites: [
      site('src/api/client.ts:88:14', 'json-roundtrip', {
        executions: 7000,
        materialized: 6800,
        bytesCopied: 56_000_000,
        bytesSaved: 1_200_000,
        sharedMax: 2,
        copyPoints: [point('src/api/client.ts:91:9', 6800, 56_000_000)],
      }),
    ],
  });
}

/** A large suite: 500 sites of every kind over 60 files, with a deterministic spread of figures. */
export function manySitesReport(count = 500): Report {
  const sites = Array.from({ length: count }, (_unused, i) => {
    const kind = COPY_KINDS[i % COPY_KINDS.length]!;
    const executions = 1 + ((i * 37) % 400);
    const materialized = i % 3 === 0 ? 0 : executions % 7;
    const bytes = 64 * (1 + ((i * 7919) % 5000));
    return site(`src/module-${i % 60}/file-${i % 13}.ts:${1 + ((i * 17) % 900)}:${1 + (i % 40)}`, kind, {
      executions,
      materialized,
      bytesCopied: bytes,
      bytesSaved: materialized === 0 ? bytes : Math.floor(bytes / 3),
      sharedMax: 1 + (i % 9),
      copyPoints: materialized === 0 ? [] : [point(`src/module-${i % 60}/writes.ts:${1 + i}:5`, materialized, Math.floor(bytes / 2))],
    });
  });
  return report({ sites, processes: 8, durationMs: 93_500 });
}

/** Files named to break tables: a pipe, backticks, underscores and a path far wider than a column. */
export const LONG_FILE =
  'packages/very-long-package-name/src/features/editor/state/internal/reducers/selection/normalize-selection-ranges.ts';

export function awkwardNamesReport(): Report {
  return report({
    sites: [
      site(`${LONG_FILE}:120:33`, 'object-assign', { executions: 40, bytesCopied: 90_000, bytesSaved: 90_000 }),
      site('src/a|b.ts:1:1', 'array-spread', { executions: 2, bytesCopied: 800, bytesSaved: 800 }),
      site('src/`tick`.ts:2:2', 'array-concat', { executions: 1, bytesCopied: 500, bytesSaved: 500 }),
      site('src/__tests__/*star*.ts:3:3', 'array-from', { executions: 1, bytesCopied: 100, bytesSaved: 100 }),
    ],
    hazards: [
      {
        file: 'src/a|b.ts',
        line: 1,
        column: 1,
        kind: 'eager-fallback',
        message: 'a value with a | pipe, `code` and <html> in its message',
        count: 1,
      },
    ],
  });
}

export function emptyReport(): Report {
  return report({ command: ['node', 'noop.js'], durationMs: 120 });
}
