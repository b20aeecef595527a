import type { LiveSite, RunFiguresParams } from '@cowlens/server/protocol';
import { describe, expect, it } from 'vitest';
import { FigureStore } from '../src/figure-store.js';

const A = 'file:///p/a.ts';
const B = 'file:///p/b.ts';

function liveSite(uri: string, line: number, copyPoints: LiveSite['copyPoints'] = []): LiveSite {
  return { uri, line, column: 5, kind: 'object-spread', deep: false, executions: 3, materialized: copyPoints.length, eager: 0, bytesCopied: 10, bytesSaved: 20, sharedMax: 3, copyPoints };
}

function run(runId: number, sites: LiveSite[]): RunFiguresParams {
  const totals = { sites: sites.length, executions: 0, materialized: 0, eager: 0, bytesCopied: 0, bytesSaved: 0, sharedMax: 0, hazards: 0 };
  return { runId, state: 'running', mode: 'observe', command: ['node', 'a.ts'], elapsedMs: 0, totals, sites, hazards: [] };
}

const insertLines = (line: number, count: number) => [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: '\n'.repeat(count) }];

describe('FigureStore', () => {
  it('places sites and copy points by document, 0-based', () => {
    const store = new FigureStore();
    store.accept(run(1, [liveSite(A, 3, [{ uri: B, line: 7, column: 2, count: 1, bytes: 10 }])]));
    expect(store.figuresFor(A).sites.map((s) => [s.line, s.character])).toEqual([[2, 4]]);
    expect(store.figuresFor(B).copyPoints.map((p) => [p.line, p.character])).toEqual([[6, 1]]);
    expect(store.figuresFor(B).sites).toEqual([]);
    expect(store.figuresFor(A).stale).toBe(false);
  });

  it('leaves out copy points of uninstrumented writes, which have no place', () => {
    const store = new FigureStore();
    store.accept(run(1, [liveSite(A, 3, [{ uri: '', line: 0, column: 0, count: 2, bytes: 10 }])]));
    expect(store.figuresFor(A).copyPoints).toEqual([]);
  });

  it('moves figures with edits and marks the document stale until the next run', () => {
    const store = new FigureStore();
    store.accept(run(1, [liveSite(A, 3), liveSite(B, 3)]));
    expect(store.recordEdits(A, insertLines(0, 2))).toBe(true);
    expect(store.figuresFor(A)).toMatchObject({ stale: true, sites: [{ line: 4 }] });
    expect(store.figuresFor(B)).toMatchObject({ stale: false, sites: [{ line: 2 }] });
    // Later snapshots of the same run are still positioned in the text the run started with.
    store.accept(run(1, [liveSite(A, 3)]));
    expect(store.figuresFor(A)).toMatchObject({ stale: true, sites: [{ line: 4 }] });
    store.accept(run(2, [liveSite(A, 5)]));
    expect(store.figuresFor(A)).toMatchObject({ stale: false, sites: [{ line: 4 }] });
  });

  it('says an edit needs no redraw when the document has no figures', () => {
    const store = new FigureStore();
    expect(store.recordEdits(A, insertLines(0, 1))).toBe(false);
    store.accept(run(1, [liveSite(A, 3)]));
    expect(store.recordEdits(B, insertLines(0, 1))).toBe(false);
  });

  it('ignores snapshots of an older run', () => {
    const store = new FigureStore();
    store.accept(run(2, [liveSite(A, 3)]));
    expect(store.accept(run(1, [liveSite(A, 9)]))).toBe(false);
    expect(store.figuresFor(A).sites.map((s) => s.line)).toEqual([2]);
  });

  it('matches uris the way the editor spells them', () => {
    const store = new FigureStore((uri) => uri.replace('%3A', ':'));
    store.accept(run(1, [liveSite('file:///c%3A/a.ts', 1)]));
    expect(store.figuresFor('file:///c:/a.ts').sites).toHaveLength(1);
  });

  it('forgets everything when cleared', () => {
    const store = new FigureStore();
    store.accept(run(1, [liveSite(A, 3)]));
    store.clear();
    expect(store.run).toBeUndefined();
    expect(store.figuresFor(A).sites).toEqual([]);
  });
});
