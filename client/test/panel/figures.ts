import type { LiveSite, LiveTotals, RunFiguresParams } from '@cowlens/server/protocol';

/** A site with zero figures at a line of `a.ts`, overridden by what a test cares about. */
export function site(overrides: Partial<LiveSite> = {}): LiveSite {
  return {
    uri: 'file:///work/a.ts',
    line: 1,
    column: 1,
    kind: 'object-spread',
    deep: false,
    executions: 0,
    materialized: 0,
    eager: 0,
    bytesCopied: 0,
    bytesSaved: 0,
    sharedMax: 0,
    copyPoints: [],
    ...overrides,
  };
}

/** A running snapshot whose totals are the given ones (zero otherwise). */
export function snapshot(overrides: Partial<Omit<RunFiguresParams, 'totals'>> & { totals?: Partial<LiveTotals> } = {}): RunFiguresParams {
  const { totals, ...rest } = overrides;
  return {
    runId: 1,
    state: 'running',
    mode: 'cow',
    command: ['node', 'a.js'],
    elapsedMs: 0,
    sites: [],
    hazards: [],
    ...rest,
    totals: { sites: 0, executions: 0, materialized: 0, eager: 0, bytesCopied: 0, bytesSaved: 0, sharedMax: 0, hazards: 0, ...totals },
  };
}
