import type { RunFiguresParams } from '@cowlens/server/protocol';

export interface TotalFigures {
  readonly sites: number;
  readonly copies: number;
  readonly materialized: number;
  readonly eager: number;
  readonly bytesCopied: number;
  readonly bytesSaved: number;
  readonly liveShared: number;
  readonly sharedMax: number;
  readonly hazards: number;
}

/**
 * The totals the panel shows, from one snapshot.
 *
 * "Live shared values" is `executions − materialized − eager`: the copies that shared their source
 * and never needed a private copy so far (an eager copy never shared anything). In cow mode those copies are sharing their source's storage now, or were dropped while
 * still sharing it; the runtime does not track when a copy is collected, so no snapshot can say
 * how many are alive, and this is an upper bound on the shared values alive at this moment. In
 * observe mode nothing is shared (the copies were made as written) and the same number counts the
 * copies that copy-on-write would have kept shared. `sharedMax` is the one figure about a single
 * moment: the most values that shared one structure at one time.
 */
export function totalsOf(figures: RunFiguresParams): TotalFigures {
  const { totals } = figures;
  return {
    sites: totals.sites,
    copies: totals.executions,
    materialized: totals.materialized,
    eager: totals.eager,
    bytesCopied: totals.bytesCopied,
    bytesSaved: totals.bytesSaved,
    liveShared: Math.max(0, totals.executions - totals.materialized - totals.eager),
    sharedMax: totals.sharedMax,
    hazards: totals.hazards,
  };
}

export const NO_TOTALS: TotalFigures = {
  sites: 0,
  copies: 0,
  materialized: 0,
  eager: 0,
  bytesCopied: 0,
  bytesSaved: 0,
  liveShared: 0,
  sharedMax: 0,
  hazards: 0,
};
