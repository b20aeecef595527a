import { describe, expect, it } from 'vitest';
import type { SortKey } from '../../src/panel/messages.js';
import { pageOf, siteKey, sortSites } from '../../src/panel/site-table.js';
import { site } from './figures.js';

const a1 = site({ uri: 'file:///w/a.ts', line: 1, kind: 'array-spread', executions: 5, materialized: 1, eager: 3, bytesCopied: 10, bytesSaved: 90, sharedMax: 3 });
const a9 = site({ uri: 'file:///w/a.ts', line: 9, kind: 'object-spread', executions: 5, materialized: 4, bytesCopied: 40, bytesSaved: 10, sharedMax: 1 });
const b2 = site({ uri: 'file:///w/b.ts', line: 2, kind: 'structured-clone', executions: 2, materialized: 0, eager: 2, bytesCopied: 70, bytesSaved: 0, sharedMax: 2 });
const a10 = site({ uri: 'file:///w/a.ts', line: 10, kind: 'array-slice', executions: 9, materialized: 2, eager: 1, bytesCopied: 20, bytesSaved: 30, sharedMax: 7 });

const keys = (sites: readonly { uri: string; line: number }[]): string[] => sites.map((s) => `${s.uri.slice(-4)}:${s.line}`);

describe('sortSites', () => {
  it('orders locations by file, then line numerically, then column', () => {
    const a9c3 = site({ ...a9, column: 3 });
    expect(keys(sortSites([b2, a10, a9c3, a9, a1], { key: 'location', direction: 'ascending' }))).toEqual([
      'a.ts:1',
      'a.ts:9',
      'a.ts:9',
      'a.ts:10',
      'b.ts:2',
    ]);
    expect(sortSites([a9c3, a9], { key: 'location', direction: 'ascending' })[0]).toBe(a9);
  });

  it.each<[SortKey, string[]]>([
    ['kind', ['a.ts:10', 'a.ts:1', 'a.ts:9', 'b.ts:2']],
    ['executions', ['b.ts:2', 'a.ts:1', 'a.ts:9', 'a.ts:10']],
    ['materialized', ['b.ts:2', 'a.ts:1', 'a.ts:10', 'a.ts:9']],
    ['eager', ['a.ts:9', 'a.ts:10', 'b.ts:2', 'a.ts:1']],
    ['bytesCopied', ['a.ts:1', 'a.ts:10', 'a.ts:9', 'b.ts:2']],
    ['bytesSaved', ['b.ts:2', 'a.ts:9', 'a.ts:10', 'a.ts:1']],
    ['sharedMax', ['a.ts:9', 'b.ts:2', 'a.ts:1', 'a.ts:10']],
  ])('sorts by %s ascending', (key, expected) => {
    expect(keys(sortSites([a10, b2, a9, a1], { key, direction: 'ascending' }))).toEqual(expected);
  });

  it('reverses the figure but not the tie order when descending', () => {
    // a1 and a9 both ran 5 times: they stay in location order in both directions.
    expect(keys(sortSites([b2, a9, a10, a1], { key: 'executions', direction: 'descending' }))).toEqual(['a.ts:10', 'a.ts:1', 'a.ts:9', 'b.ts:2']);
    expect(keys(sortSites([b2, a9, a10, a1], { key: 'executions', direction: 'ascending' }))).toEqual(['b.ts:2', 'a.ts:1', 'a.ts:9', 'a.ts:10']);
  });

  it('gives the same order whatever order the snapshot lists the sites in', () => {
    const tied = Array.from({ length: 50 }, (_, i) => site({ line: i + 1, executions: i % 3 }));
    const shuffled = [...tied].reverse();
    const order = { key: 'executions', direction: 'descending' } as const;
    expect(sortSites(shuffled, order)).toEqual(sortSites(tied, order));
  });

  it('does not change the list it is given', () => {
    const sites = [b2, a1];
    sortSites(sites, { key: 'location', direction: 'ascending' });
    expect(sites).toEqual([b2, a1]);
  });
});

describe('pageOf', () => {
  const items = Array.from({ length: 250 }, (_, i) => i);

  it('cuts pages of the given size, the last one partial', () => {
    expect(pageOf(items, 0, 100)).toMatchObject({ page: 0, pageCount: 3 });
    expect(pageOf(items, 0, 100).items).toHaveLength(100);
    expect(pageOf(items, 2, 100).items).toEqual(items.slice(200));
  });

  it('clamps a page past the end to the last page and below zero to the first', () => {
    expect(pageOf(items, 7, 100).page).toBe(2);
    expect(pageOf(items, -1, 100).items[0]).toBe(0);
  });

  it('has one empty page when there is nothing', () => {
    expect(pageOf([], 3, 100)).toEqual({ page: 0, pageCount: 1, items: [] });
  });
});

describe('siteKey', () => {
  it('tells apart two kinds of copy at one position', () => {
    expect(siteKey(site({ kind: 'array-spread' }))).not.toBe(siteKey(site({ kind: 'array-slice' })));
  });
});
