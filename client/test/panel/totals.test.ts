import { describe, expect, it } from 'vitest';
import { totalsOf } from '../../src/panel/totals.js';
import { snapshot } from './figures.js';

describe('totalsOf', () => {
  it('counts the copies that have not materialized as shared', () => {
    const totals = totalsOf(snapshot({ totals: { sites: 3, executions: 40, materialized: 15, bytesCopied: 9, bytesSaved: 8, sharedMax: 6, hazards: 1 } }));
    expect(totals).toEqual({ sites: 3, copies: 40, materialized: 15, eager: 0, bytesCopied: 9, bytesSaved: 8, liveShared: 25, sharedMax: 6, hazards: 1 });
  });

  it('counts eager copies neither as materialized nor as shared: they never shared anything', () => {
    const totals = totalsOf(snapshot({ totals: { executions: 40, materialized: 15, eager: 10 } }));
    expect(totals).toMatchObject({ copies: 40, materialized: 15, eager: 10, liveShared: 15 });
  });

  it('never shows a negative shared count when a snapshot has more materialized than executions', () => {
    expect(totalsOf(snapshot({ totals: { executions: 2, materialized: 3 } })).liveShared).toBe(0);
  });
});
