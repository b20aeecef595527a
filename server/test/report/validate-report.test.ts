import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  formatJson,
  readReportFile,
  type Report,
  REPORT_SCHEMA_URL,
  UNINSTRUMENTED_FILE,
  validateReport,
} from '../../src/report/index.js';
import { COPY_KINDS } from '../../src/runtime/copy-kinds.js';
import type { HazardKind } from '../../src/runtime/figures/types.js';
import {
  awkwardNamesReport,
  emptyReport,
  hazardReport,
  incompleteReport,
  manySitesReport,
  observeReport,
  point,
  report,
  site,
} from './sample-reports.js';

interface SchemaShape {
  properties: { mode: { enum: string[] } };
  definitions: { site: { properties: { kind: { enum: string[] } } }; hazard: { properties: { kind: { enum: string[] } } } };
}

const schema = JSON.parse(readFileSync(REPORT_SCHEMA_URL, 'utf8')) as SchemaShape;

// Every hazard kind, checked against the type both ways: a kind added to HazardKind fails to compile here.
const HAZARD_KINDS = ['uninstrumented-write', 'eager-fallback'] as const satisfies readonly HazardKind[];
const everyHazardKindListed: Exclude<HazardKind, (typeof HAZARD_KINDS)[number]> extends never ? true : false = true;

const samples: Record<string, () => Report> = {
  observeReport,
  hazardReport,
  incompleteReport,
  manySitesReport: () => manySitesReport(),
  awkwardNamesReport,
  emptyReport,
};

/** A deep copy of a valid report with one change, as a hand edit or another tool would make. */
function mutated(change: (value: Record<string, unknown> & { sites: Record<string, unknown>[] }) => void): unknown {
  const value = JSON.parse(formatJson(observeReport())) as Record<string, unknown> & { sites: Record<string, unknown>[] };
  change(value);
  return value;
}

function errorsOf(value: unknown): string[] {
  const result = validateReport(value);
  if (result.ok) throw new Error('expected the report to be rejected');
  return result.errors;
}

describe('report schema', () => {
  it('lists exactly the copy kinds of the runtime', () => {
    expect(schema.definitions.site.properties.kind.enum).toEqual([...COPY_KINDS]);
  });

  it('lists exactly the hazard kinds and run modes', () => {
    expect(everyHazardKindListed).toBe(true);
    expect([...schema.definitions.hazard.properties.kind.enum].sort()).toEqual([...HAZARD_KINDS].sort());
    expect(schema.properties.mode.enum).toEqual(['observe', 'cow']);
  });
});

describe('validateReport', () => {
  it.each(Object.entries(samples))('accepts %s as written by formatJson', (_name, make) => {
    const written = JSON.parse(formatJson(make())) as unknown;
    const result = validateReport(written);
    expect(result).toEqual({ ok: true, report: written });
  });

  it('names a missing field', () => {
    expect(errorsOf(mutated((v) => delete v.totals))).toEqual(['report: missing field "totals"']);
    expect(errorsOf(mutated((v) => delete v.sites[1]!.bytesSaved))).toEqual(['sites[1]: missing field "bytesSaved"']);
    expect(errorsOf(mutated((v) => delete v.sites[0]!.eager))).toEqual(['sites[0]: missing field "eager"']);
  });

  it('names a wrong kind and lists the kinds it may be', () => {
    const [error] = errorsOf(mutated((v) => (v.sites[0]!.kind = 'object-clone')));
    expect(error).toMatch(/^sites\[0\]\.kind: must be one of "object-spread", "object-rest", .*"post-message"$/);
  });

  it('rejects negative and fractional bytes and counts', () => {
    expect(errorsOf(mutated((v) => (v.sites[2]!.bytesCopied = -5)))).toEqual(['sites[2].bytesCopied: must be >= 0']);
    expect(errorsOf(mutated((v) => (v.sites[0]!.executions = 1.5)))).toEqual(['sites[0].executions: must be integer']);
  });

  it('accepts a negative bytesSaved: cow mode views that cost more than they saved', () => {
    expect(validateReport(mutated((v) => (v.sites[0]!.bytesSaved = -240))).ok).toBe(true);
    expect(errorsOf(mutated((v) => (v.sites[0]!.bytesSaved = -2.5)))).toEqual(['sites[0].bytesSaved: must be integer']);
  });

  it('rejects unknown fields, a wrong mode and another schema version', () => {
    expect(errorsOf(mutated((v) => (v.coverage = 1)))).toEqual(['report: unknown field "coverage"']);
    expect(errorsOf(mutated((v) => (v.mode = 'lazy')))).toEqual(['mode: must be one of "observe", "cow"']);
    expect(errorsOf(mutated((v) => (v.schemaVersion = 3)))[0]).toMatch(/^schemaVersion: must be 1 to 2, found 3: /);
  });

  it('lists every error, not only the first', () => {
    const errors = errorsOf(
      mutated((v) => {
        v.sites[0]!.line = 0;
        v.sites[3]!.sharedMax = 'many';
        v.startedAt = 'yesterday';
      }),
    );
    expect(errors).toEqual(
      expect.arrayContaining(['sites[0].line: must be >= 1', 'sites[3].sharedMax: must be integer', 'startedAt: must match format "date-time"']),
    );
    expect(errors).toHaveLength(3);
  });

  it('takes line and column 0 only for a write from uninstrumented code', () => {
    const uninstrumented = report({
      sites: [site('src/a.ts:1:1', 'array-spread', { materialized: 1, copyPoints: [{ file: UNINSTRUMENTED_FILE, line: 0, column: 0, count: 1, bytes: 8 }] })],
    });
    expect(validateReport(JSON.parse(formatJson(uninstrumented))).ok).toBe(true);

    const placeless = report({ sites: [site('src/a.ts:1:1', 'array-spread', { copyPoints: [point('src/b.ts:0:0', 1, 8)] })] });
    expect(errorsOf(JSON.parse(formatJson(placeless)))).toEqual([
      'sites[0].copyPoints[0].line: must be >= 1',
      'sites[0].copyPoints[0].column: must be >= 1',
    ]);
  });

  it('ties complete to its reasons', () => {
    expect(errorsOf({ ...incompleteReport(), incomplete: [] })).toEqual(['incomplete: must NOT have fewer than 1 items']);
    expect(errorsOf({ ...observeReport(), incomplete: ['a process was lost'] })).toEqual(['incomplete: must NOT have more than 0 items']);
  });
});

describe('readReportFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cowlens-report-'));
  const write = (name: string, text: string): string => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it('reads a report of schema version 1, a saved baseline say, as version 2 with no eager copies', () => {
    expect(readReportFile(write('v1.json', JSON.stringify(versionOne(observeReport()))))).toEqual(withNoEager(observeReport()));
  });

  it('reads back what formatJson wrote, byte order mark or not', () => {
    expect(readReportFile(write('ok.json', formatJson(hazardReport())))).toEqual(hazardReport());
    expect(readReportFile(write('bom.json', `\uFEFF${formatJson(hazardReport())}`))).toEqual(hazardReport());
  });

  it('says when the file is missing', () => {
    const path = join(dir, 'nope.json');
    expect(() => readReportFile(path)).toThrow(`Cannot read the cowlens report ${path}: no such file.`);
  });

  it('says when the file is not JSON', () => {
    const path = write('text.json', 'sites: 3\n');
    expect(() => readReportFile(path)).toThrow(
      new RegExp(`^${path.replaceAll('\\', '\\\\')} is not JSON \\(.+\\)\\. Was it written by cowlens report --format json\\?$`),
    );
  });

  it('says which fields are wrong, and how many more there are', () => {
    const bad = mutated((v) => {
      for (const s of v.sites) s.kind = 'copy';
      delete v.processes;
    });
    const path = write('bad.json', JSON.stringify(bad));
    const many = JSON.parse(formatJson(manySitesReport(20))) as { sites: { kind: string }[] };
    for (const s of many.sites) s.kind = 'copy';
    const manyPath = write('many.json', JSON.stringify(many));

    expect(() => readReportFile(path)).toThrow(/^.*bad\.json is not a valid cowlens report:\n {2}report: missing field "processes"\n {2}sites\[0\]\.kind: must be one of/);
    expect(() => readReportFile(path)).toThrow(/\nWas it written by cowlens report --format json\?$/);
    expect(() => readReportFile(manyPath)).toThrow(/\n {2}… and 10 more\nWas it written/);
  });
});

/** `report` as a cowlens of schema version 1 wrote it: no eager figures. */
function versionOne(report: Report): Record<string, unknown> {
  const value = JSON.parse(formatJson(report)) as Record<string, unknown> & { totals: Record<string, unknown>; sites: Record<string, unknown>[] };
  delete value.totals.eager;
  for (const site of value.sites) delete site.eager;
  return { ...value, schemaVersion: 1 };
}

/** `report` with every eager figure 0, as a version 1 report of it reads. */
function withNoEager(report: Report): Report {
  return { ...report, totals: { ...report.totals, eager: 0 }, sites: report.sites.map((site) => ({ ...site, eager: 0 })) };
}

describe('reports of schema version 1', () => {
  it('read as version 2 with no eager copies, each eager figure after materialized as version 2 writes it', () => {
    const result = validateReport(versionOne(observeReport()));
    expect(result.ok).toBe(true);
    expect(formatJson((result as { report: Report }).report)).toBe(formatJson(withNoEager(observeReport())));
  });

  it('are still checked: what version 1 did not allow fails, in its own words', () => {
    expect(errorsOf({ ...versionOne(observeReport()), coverage: 1 })).toEqual(['report: unknown field "coverage"']);
    const noTotals = versionOne(observeReport());
    delete noTotals.totals;
    expect(errorsOf(noTotals)).toEqual(['report: missing field "totals"']);
  });
});
