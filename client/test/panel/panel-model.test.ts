import { describe, expect, it } from 'vitest';
import { MAX_COPY_POINTS_PER_ROW, MAX_HAZARDS, PanelModel } from '../../src/panel/panel-model.js';
import { WHY_IT_MATTERS } from '../../src/panel/hazard-rows.js';
import { site, snapshot } from './figures.js';

const manySites = (count: number) => Array.from({ length: count }, (_, i) => site({ line: i + 1, bytesCopied: i }));

describe('PanelModel', () => {
  it('has no run and zero totals before any figures', () => {
    const state = new PanelModel().state();
    expect(state.run).toBeNull();
    expect(state.totals.copies.value).toBe(0);
    expect(state.table).toMatchObject({ page: 0, pageCount: 1, totalRows: 0, rows: [] });
  });

  it('shows the run, its totals with labels, and the shared count', () => {
    const model = new PanelModel();
    model.accept(
      snapshot({ runId: 4, mode: 'observe', command: ['node', 'main.js'], elapsedMs: 12_345, totals: { executions: 1500, materialized: 500, bytesCopied: 2_500_000 } }),
    );
    const state = model.state();
    expect(state.run).toEqual({ runId: 4, state: 'running', mode: 'observe', command: 'node main.js', elapsedLabel: '12.3 s', incomplete: [] });
    expect(state.totals.copies).toEqual({ value: 1500, label: '1.5k' });
    expect(state.totals.bytesCopied).toEqual({ value: 2_500_000, label: '2.5 MB' });
    expect(state.totals.liveShared.value).toBe(1000);
  });

  it('forgets the run and its chart on clear, keeps the sort order, and takes the next run afresh', () => {
    const model = new PanelModel({ pageSize: 10 });
    model.sortBy({ key: 'location', direction: 'ascending' });
    model.accept(snapshot({ runId: 5, elapsedMs: 100, sites: manySites(30) }));
    model.showPage(2);
    model.accept(snapshot({ runId: 5, elapsedMs: 200, sites: manySites(30) }));
    model.clear();
    const cleared = model.state();
    expect(cleared.run).toBeNull();
    expect(cleared.chart.points).toEqual([]);
    expect(cleared.table).toMatchObject({ page: 0, totalRows: 0, rows: [], sort: { key: 'location', direction: 'ascending' } });
    model.accept(snapshot({ runId: 6, elapsedMs: 50, sites: manySites(30) }));
    expect(model.state().run?.runId).toBe(6);
    expect(model.state().chart.points).toHaveLength(1);
  });

  it('says why a finished run may miss figures', () => {
    const model = new PanelModel();
    model.accept(snapshot({ state: 'finished', complete: false, incomplete: ['timed out'] }));
    expect(model.state().run?.incomplete).toEqual(['timed out']);
  });

  it('pages and sorts 10,000 sites, posting one page of rows', () => {
    const model = new PanelModel({ pageSize: 100 });
    model.accept(snapshot({ sites: manySites(10_000) }));
    const first = model.state().table;
    expect(first).toMatchObject({ pageCount: 100, totalRows: 10_000, sort: { key: 'bytesCopied', direction: 'descending' } });
    expect(first.rows).toHaveLength(100);
    expect(first.rows[0]!.bytesCopied.value).toBe(9999);
    model.sortBy({ key: 'bytesCopied', direction: 'ascending' });
    model.showPage(3);
    expect(model.state().table.rows[0]!.bytesCopied.value).toBe(300);
  });

  it('goes back to the first page when the order changes', () => {
    const model = new PanelModel({ pageSize: 10 });
    model.accept(snapshot({ sites: manySites(50) }));
    model.showPage(2);
    model.sortBy({ key: 'location', direction: 'ascending' });
    expect(model.state().table.page).toBe(0);
  });

  it('keeps the page through the same run and clamps it when the sites shrink', () => {
    const model = new PanelModel({ pageSize: 10 });
    model.accept(snapshot({ sites: manySites(50) }));
    model.showPage(4);
    model.accept(snapshot({ elapsedMs: 100, sites: manySites(50) }));
    expect(model.state().table.page).toBe(4);
    model.accept(snapshot({ elapsedMs: 200, sites: manySites(25) }));
    expect(model.state().table.page).toBe(2);
  });

  it('opens a new run on its first page and ignores an older run', () => {
    const model = new PanelModel({ pageSize: 10 });
    model.accept(snapshot({ runId: 1, sites: manySites(50) }));
    model.showPage(3);
    expect(model.accept(snapshot({ runId: 2, sites: manySites(50) }))).toBe(true);
    expect(model.state().table.page).toBe(0);
    expect(model.accept(snapshot({ runId: 1, sites: [] }))).toBe(false);
    expect(model.state().table.totalRows).toBe(50);
  });

  it('re-sorts a new snapshot of the same run', () => {
    const model = new PanelModel();
    model.accept(snapshot({ sites: [site({ line: 1, bytesCopied: 5 }), site({ line: 2, bytesCopied: 1 })] }));
    expect(model.state().table.rows[0]!.line).toBe(1);
    model.accept(snapshot({ elapsedMs: 100, sites: [site({ line: 1, bytesCopied: 5 }), site({ line: 2, bytesCopied: 9 })] }));
    expect(model.state().table.rows[0]!.line).toBe(2);
  });

  it('names files with the function it is given and lists copy points, bounded', () => {
    const points = Array.from({ length: MAX_COPY_POINTS_PER_ROW + 3 }, (_, i) => ({ uri: 'file:///w/b.ts', line: i + 1, column: 2, count: 1, bytes: 16 }));
    const model = new PanelModel({ fileOf: (uri) => uri.replace('file:///w/', '') });
    model.accept(snapshot({ sites: [site({ uri: 'file:///w/a.ts', line: 7, column: 3, kind: 'array-spread', copyPoints: points })] }));
    const row = model.state().table.rows[0]!;
    expect(row).toMatchObject({ key: 'file:///w/a.ts:7:3:array-spread', file: 'a.ts', line: 7, column: 3, kind: 'array-spread' });
    expect(row.copyPoints).toHaveLength(MAX_COPY_POINTS_PER_ROW);
    expect(row.copyPoints[0]).toEqual({ uri: 'file:///w/b.ts', file: 'b.ts', line: 1, column: 2, count: { value: 1, label: '1' }, bytes: { value: 16, label: '16 B' } });
    expect(row.moreCopyPoints).toBe(3);
  });

  it('names a write from code without a file as such', () => {
    const model = new PanelModel();
    model.accept(snapshot({ sites: [site({ copyPoints: [{ uri: '', line: 0, column: 0, count: 2, bytes: 8 }] })] }));
    expect(model.state().table.rows[0]!.copyPoints[0]!.file).toBe('(uninstrumented code)');
  });

  it('lists hazards with why they matter, bounded', () => {
    const hazards = Array.from({ length: MAX_HAZARDS + 2 }, (_, i) => ({
      uri: 'file:///w/a.ts',
      line: i + 1,
      column: 1,
      kind: 'uninstrumented-write' as const,
      message: 'code that cowlens did not instrument changed a value',
      count: 1,
    }));
    const model = new PanelModel();
    model.accept(snapshot({ hazards }));
    const state = model.state();
    expect(state.hazards).toHaveLength(MAX_HAZARDS);
    expect(state.hazards[0]).toMatchObject({ file: 'a.ts', line: 1, whyItMatters: WHY_IT_MATTERS['uninstrumented-write'] });
    expect(state.moreHazards).toBe(2);
  });

  it('charts the run with axis labels for its largest figures', () => {
    const model = new PanelModel();
    model.accept(snapshot({ elapsedMs: 500, totals: { executions: 100, bytesCopied: 4000, bytesSaved: 6000 } }));
    model.accept(snapshot({ elapsedMs: 1000, totals: { executions: 1100, bytesCopied: 5000, bytesSaved: 9000 } }));
    const { chart } = model.state();
    expect(chart.points.map((p) => p.rate)).toEqual([200, 2000]);
    expect(chart).toMatchObject({ maxBytesLabel: '9.0 kB', maxRateLabel: '2.0k/s', elapsedLabel: '1.0 s' });
  });
});
