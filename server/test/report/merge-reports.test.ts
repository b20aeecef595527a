import { describe, expect, it } from 'vitest';
import { mergeReports, type Report, summarizeTotals, validateReport } from '../../src/report/index.js';
import { hazardReport, incompleteReport, manySitesReport, observeReport, point, report, site, uninstrumentedPoint } from './sample-reports.js';

const shardA = (): Report =>
  report({
    command: ['vitest', '--shard=1/2'],
    startedAt: '2025-03-14T09:27:00.000Z',
    durationMs: 5000,
    processes: 2,
    sites: [
      site('src/store.ts:42:17', 'object-spread', {
        executions: 100,
        materialized: 10,
        eager: 5,
        bytesCopied: 1000,
        bytesSaved: 9000,
        sharedMax: 4,
        copyPoints: [point('src/store.ts:57:5', 8, 800), uninstrumentedPoint(2, 200)],
      }),
      site('src/only-a.ts:1:1', 'array-slice', { executions: 3, bytesCopied: 30, bytesSaved: 30 }),
    ],
  });

const shardB = (): Report =>
  report({
    command: ['vitest', '--shard=2/2'],
    exitCode: 1,
    startedAt: '2025-03-14T09:26:00.000Z',
    durationMs: 7000,
    processes: 3,
    sites: [
      site('src/store.ts:42:17', 'object-spread', {
        executions: 50,
        materialized: 20,
        bytesCopied: 4000,
        bytesSaved: 1000,
        sharedMax: 9,
        copyPoints: [point('src/store.ts:57:5', 15, 3000), point('src/other.ts:3:3', 5, 1000)],
      }),
      // Same place, another kind: a different site.
      site('src/store.ts:42:17', 'array-spread', { executions: 1, bytesCopied: 5, bytesSaved: 5 }),
    ],
  });

/** What describes the figures, as opposed to the run: must not depend on merge order. */
const figures = (merged: Report) => {
  const { command: _command, incomplete: _incomplete, exitCode: _exitCode, signal: _signal, diagnostics: _diagnostics, tool: _tool, ...rest } =
    merged;
  return rest;
};

describe('mergeReports', () => {
  it('sums the figures of the same site and keeps the largest sharedMax', () => {
    const merged = mergeReports([shardA(), shardB()]);
    const store = merged.sites.find((s) => s.file === 'src/store.ts' && s.kind === 'object-spread')!;
    expect(store).toMatchObject({ executions: 150, materialized: 30, eager: 5, bytesCopied: 5000, bytesSaved: 10_000, sharedMax: 9 });
    expect(store.copyPoints).toEqual([
      point('src/store.ts:57:5', 23, 3800),
      point('src/other.ts:3:3', 5, 1000),
      uninstrumentedPoint(2, 200),
    ]);
    expect(merged.sites).toHaveLength(3);
    expect(merged.totals).toEqual({ sites: 3, executions: 154, materialized: 30, eager: 5, bytesCopied: 5035, bytesSaved: 10_035, sharedMax: 9, hazards: 0 });
    expect(merged.totals).toEqual(summarizeTotals(merged.sites, merged.hazards));
  });

  it('describes the whole run: processes, duration, start, commands, exit', () => {
    const merged = mergeReports([shardA(), shardB()]);
    expect(merged).toMatchObject({
      processes: 5,
      durationMs: 7000,
      startedAt: '2025-03-14T09:26:00.000Z',
      command: ['vitest', '--shard=1/2', 'vitest', '--shard=2/2'],
      exitCode: 1,
      signal: null,
      complete: true,
      incomplete: [],
    });
    expect(mergeReports([shardA(), shardA()]).exitCode).toBe(0);
  });

  it('is incomplete when any shard is, saying which', () => {
    const merged = mergeReports([observeReport(), { ...incompleteReport(), mode: 'observe' }]);
    expect(merged.complete).toBe(false);
    expect(merged.incomplete).toEqual([
      'shard 2: process 4182 was killed by SIGKILL before it sent its last figures',
      'shard 2: the run timed out after 600 s',
    ]);
    // A killed shard has no exit code; the merge must not pretend it passed.
    expect([merged.exitCode, merged.signal]).toEqual([null, 'SIGKILL']);
  });

  it('merges hazards by place, kind and message, and diagnostics once each', () => {
    const merged = mergeReports([hazardReport(), hazardReport()]);
    expect(merged.hazards.map((h) => [h.file, h.kind, h.count])).toEqual([
      ['src/cache.ts', 'uninstrumented-write', 18],
      ['src/worker.ts', 'eager-fallback', 8],
    ]);
    expect(merged.diagnostics).toEqual(hazardReport().diagnostics);
    expect(merged.totals.hazards).toBe(2);
  });

  it('gives the same figures whatever the order of the shards', () => {
    const shards = [shardA(), shardB(), observeReport(), manySitesReport(120)];
    const forward = mergeReports(shards);
    const backward = mergeReports([...shards].reverse());
    expect(figures(backward)).toEqual(figures(forward));
    expect([...backward.command].sort()).toEqual([...forward.command].sort());
    expect(mergeReports([forward, forward]).sites.map((s) => s.executions)).toEqual(forward.sites.map((s) => s.executions * 2));
  });

  it('writes a valid report', () => {
    const merged = mergeReports([hazardReport(), incompleteReport()]);
    expect(validateReport(JSON.parse(JSON.stringify(merged))).ok).toBe(true);
  });

  it('leaves a single report as it was', () => {
    expect(mergeReports([incompleteReport()])).toEqual(incompleteReport());
  });

  it('refuses to merge reports of different modes or schema versions, or none', () => {
    expect(() => mergeReports([observeReport(), hazardReport()])).toThrow(
      'Cannot merge reports of different modes: report 1 ran in observe mode, report 2 in cow mode.',
    );
    const future = { ...observeReport(), schemaVersion: 3 } as unknown as Report;
    expect(() => mergeReports([observeReport(), future])).toThrow(
      'Cannot merge reports of different schema versions: report 1 has version 2, report 2 has version 3.',
    );
    expect(() => mergeReports([])).toThrow('Cannot merge reports: no report was given.');
  });
});
