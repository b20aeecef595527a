import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type { Log, Result } from 'sarif';
import { describe, expect, it } from 'vitest';
import { formatSarif, type Report, RULE_IDS } from '../../src/report/index.js';
import {
  awkwardNamesReport,
  emptyReport,
  hazardReport,
  incompleteReport,
  manySitesReport,
  observeReport,
  report,
  site,
} from './sample-reports.js';

/**
 * The official SARIF 2.1.0 schema (the OASIS committee's rtm.5 schema, as published on
 * json.schemastore.org), shipped by Microsoft's @microsoft/jest-sarif package. It is a draft-04
 * schema, so it needs ajv's draft-04 class; one of its patterns (`run.language`) has a stray `]`
 * that is only valid without the regular expressions' unicode flag.
 */
const require = createRequire(import.meta.url);
const SARIF_SCHEMA_PATH = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
const sarifSchema = JSON.parse(readFileSync(SARIF_SCHEMA_PATH, 'utf8')) as { title: string; id: string };
const ajv = new Ajv04.default({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats.default(ajv);
const validateSarif = ajv.compile(sarifSchema);

function sarifOf(value: Report, options = {}): Log {
  const text = formatSarif(value, options);
  const log = JSON.parse(text) as Log;
  const valid = validateSarif(log);
  expect(valid ? [] : validateSarif.errors).toEqual([]);
  return log;
}

const resultsOf = (log: Log): Result[] => log.runs[0]!.results!;

describe('formatSarif', () => {
  it('validates against the official schema', () => {
    expect(sarifSchema.title).toBe('Static Analysis Results Format (SARIF) Version 2.1.0-rtm.5 JSON Schema');
    expect(sarifSchema.id).toBe('https://raw.githubusercontent.com/schemastore/schemastore/master/src/schemas/json/sarif-2.1.0-rtm.5.json');
    for (const sample of [observeReport(), hazardReport(), incompleteReport(), manySitesReport(), awkwardNamesReport(), emptyReport()]) {
      const log = sarifOf(sample, { minBytesSaved: 0, minBytesCopied: 0 });
      expect(log.version).toBe('2.1.0');
    }
  });

  it('is checked by a schema that rejects what SARIF forbids', () => {
    type Physical = { artifactLocation: { uri: string }; region: { startLine: number } };
    const edited = (edit: (physical: Physical) => void): unknown => {
      const log = JSON.parse(formatSarif(hazardReport())) as { runs: { results: { locations: { physicalLocation: Physical }[] }[] }[] };
      edit(log.runs[0]!.results[0]!.locations[0]!.physicalLocation);
      return log;
    };
    expect(validateSarif(edited(() => undefined))).toBe(true);
    expect(validateSarif(edited((physical) => (physical.region.startLine = 0)))).toBe(false);
    expect(validateSarif(edited((physical) => (physical.artifactLocation.uri = 'src/my cache.ts')))).toBe(false);
  });

  it('reports an unwritten copy above the threshold as a note, and not below it', () => {
    const results = resultsOf(sarifOf(observeReport()));
    const unwritten = results.filter((result) => result.ruleId === RULE_IDS.unwrittenCopy);
    // history.ts saves 380 kB; tags.ts saves 312 B, under the 100 kB default.
    expect(unwritten).toHaveLength(1);
    expect(unwritten[0]).toMatchObject({
      level: 'note',
      message: { text: 'This array-slice site ran 500 times and none of its copies was ever written: sharing the value instead of copying it saves 380 kB.' },
      locations: [{ physicalLocation: { artifactLocation: { uri: 'src/history.ts', uriBaseId: '%SRCROOT%' }, region: { startLine: 18, startColumn: 22 } } }],
      partialFingerprints: { 'cowlensSite/v1': 'src/history.ts:18:22:array-slice' },
      properties: { executions: 500, materialized: 0, bytesCopied: 380_000, bytesSaved: 380_000, sharedMax: 31, kind: 'array-slice' },
    });
    const lowered = resultsOf(sarifOf(observeReport(), { minBytesSaved: 100 }));
    expect(lowered.filter((result) => result.ruleId === RULE_IDS.unwrittenCopy)).toHaveLength(2);
  });

  it('says apart the eager copies of an unwritten copy site: no write to them was watched', () => {
    const eager = report({ sites: [site('src/list.ts:4:9', 'array-slice', { executions: 10, eager: 4, bytesCopied: 400, bytesSaved: 200_000 })] });
    const [unwritten] = resultsOf(sarifOf(eager)).filter((result) => result.ruleId === RULE_IDS.unwrittenCopy);
    expect(unwritten!.message.text).toBe(
      'This array-slice site ran 10 times and none of the copies it shared was ever written (4 more were made eagerly: too small to share, or nothing a view stands for): sharing the value instead of copying it saves 200 kB.',
    );
    expect(unwritten!.properties).toMatchObject({ executions: 10, materialized: 0, eager: 4 });
  });

  it('reports a costly written copy as a warning with its copy points', () => {
    const results = resultsOf(sarifOf(observeReport()));
    const costly = results.filter((result) => result.ruleId === RULE_IDS.costlyCopy);
    // store.ts copied 2.4 MB; config.ts's 96 kB is under the 1 MB default.
    expect(costly.map((result) => result.partialFingerprints)).toEqual([{ 'cowlensSite/v1': 'src/store.ts:42:17:object-spread' }]);
    expect(costly[0]!.level).toBe('warning');
    expect(costly[0]!.message.text).toBe(
      'This object-spread site copied 2.4 MB; 340 of its 1200 copies were written, at 2 copy points (60 more were made eagerly: too small to share, or nothing a view stands for).',
    );
    expect(costly[0]!.relatedLocations).toEqual([
      {
        id: 0,
        physicalLocation: { artifactLocation: { uri: 'src/store.ts', uriBaseId: '%SRCROOT%' }, region: { startLine: 57, startColumn: 5 } },
        message: { text: 'written 300× here (600 kB)' },
      },
      {
        id: 1,
        physicalLocation: { artifactLocation: { uri: 'src/reducers/todo.ts', uriBaseId: '%SRCROOT%' }, region: { startLine: 12, startColumn: 9 } },
        message: { text: 'written 40× here (80 kB)' },
      },
    ]);
  });

  it('gives a write from uninstrumented code as a related location without a place', () => {
    const costly = resultsOf(sarifOf(hazardReport())).find((result) => result.ruleId === RULE_IDS.costlyCopy)!;
    expect(costly.relatedLocations![0]).toEqual({ id: 0, message: { text: 'written 9× by code cowlens did not instrument (1.1 MB)' } });
  });

  it('reports every hazard at its level', () => {
    const hazards = resultsOf(sarifOf(hazardReport())).filter((result) => result.ruleId === RULE_IDS.hazard);
    expect(hazards.map((result) => [result.level, result.locations![0]!.physicalLocation!.artifactLocation!.uri])).toEqual([
      ['error', 'src/cache.ts'],
      ['warning', 'src/worker.ts'],
    ]);
    expect(hazards[1]!.message.text).toBe('a SharedArrayBuffer cannot be shared copy-on-write: copied eagerly (eager-fallback, 4 times)');
  });

  it('points every result at its rule', () => {
    const log = sarifOf(manySitesReport(), { minBytesSaved: 0, minBytesCopied: 0 });
    const rules = log.runs[0]!.tool.driver.rules!;
    expect(rules.map((rule) => rule.id)).toEqual(['cowlens/unwritten-copy', 'cowlens/costly-copy', 'cowlens/hazard']);
    for (const rule of rules) expect(rule.help?.text).toBeTruthy();
    const results = resultsOf(log);
    expect(results.length).toBeGreaterThan(400);
    for (const result of results) expect(rules[result.ruleIndex!]!.id).toBe(result.ruleId);
  });

  it('gives each result a fingerprint of its own', () => {
    const results = resultsOf(sarifOf(manySitesReport(), { minBytesSaved: 0, minBytesCopied: 0 }));
    const fingerprints = new Set(results.map((result) => result.partialFingerprints!['cowlensSite/v1']));
    expect(fingerprints.size).toBe(results.length);
  });

  it('writes file names as encoded, forward-slashed URI references', () => {
    const odd = report({
      sites: [
        site('src\\win\\path.ts:1:1', 'array-spread', { executions: 1, bytesSaved: 10 }),
        site('app/[id]/my page#1.tsx:2:3', 'array-spread', { executions: 1, bytesSaved: 20 }),
      ],
    });
    const uris = resultsOf(sarifOf(odd, { minBytesSaved: 0 })).map((result) => result.locations![0]!.physicalLocation!.artifactLocation!.uri);
    expect(uris).toEqual(['app/%5Bid%5D/my%20page%231.tsx', 'src/win/path.ts']);
  });

  it('says why a run is incomplete and what went wrong on the way, as notifications', () => {
    const invocation = sarifOf(incompleteReport()).runs[0]!.invocations![0]!;
    expect(invocation.executionSuccessful).toBe(false);
    expect(invocation.toolExecutionNotifications!.map((notification) => notification.message.text)).toEqual([
      'Incomplete report: process 4182 was killed by SIGKILL before it sent its last figures',
      'Incomplete report: the run timed out after 600 s',
    ]);
    expect(invocation.startTimeUtc).toBe('2025-03-14T09:26:53.589Z');
    expect(invocation.endTimeUtc).toBe('2025-03-14T09:36:53.589Z');

    const notifications = sarifOf(hazardReport()).runs[0]!.invocations![0]!.toolExecutionNotifications!;
    expect(notifications).toEqual([
      {
        level: 'warning',
        message: { text: 'could not instrument: syntax error at 3:14' },
        locations: [{ physicalLocation: { artifactLocation: { uri: 'src/legacy.js', uriBaseId: '%SRCROOT%' }, region: { startLine: 3, startColumn: 14 } } }],
      },
      { level: 'note', message: { text: 'node_modules was not instrumented' } },
    ]);
  });

  it('has no results for a run that copied nothing worth acting on', () => {
    const log = sarifOf(emptyReport());
    expect(resultsOf(log)).toEqual([]);
    expect(log.runs[0]!.properties).toMatchObject({ mode: 'observe', command: ['node', 'noop.js'], exitCode: 0 });
  });
});
