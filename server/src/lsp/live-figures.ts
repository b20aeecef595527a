/**
 * A run's figures in the protocol's terms: the report's sites and hazards with `file://` URIs in
 * place of files relative to the run's folder.
 */
import { resolve } from 'node:path';
import { type HazardReport, type Place, type SiteReport, UNINSTRUMENTED_FILE } from '../report/model.js';
import { summarizeTotals } from '../report/summarize-totals.js';
import type { LiveHazard, LiveSite, LiveTotals } from './protocol.js';
import { uriOfPath } from './uris.js';

/** Writes from uninstrumented code have no place: no URI, line 0, as the protocol says. */
const uriOfPlace = (place: Place, cwd: string): string => (place.file === UNINSTRUMENTED_FILE ? '' : uriOfPath(resolve(cwd, place.file)));

export interface LiveFigures {
  readonly totals: LiveTotals;
  readonly sites: LiveSite[];
  readonly hazards: LiveHazard[];
}

export function liveFiguresOf(sites: readonly SiteReport[], hazards: readonly HazardReport[], cwd: string): LiveFigures {
  return {
    totals: summarizeTotals(sites, hazards),
    sites: sites.map((site) => ({
      uri: uriOfPlace(site, cwd),
      line: site.line,
      column: site.column,
      kind: site.kind,
      deep: site.deep,
      executions: site.executions,
      materialized: site.materialized,
      bytesCopied: site.bytesCopied,
      bytesSaved: site.bytesSaved,
      sharedMax: site.sharedMax,
      copyPoints: site.copyPoints.map((point) => ({ uri: uriOfPlace(point, cwd), line: point.line, column: point.column, count: point.count, bytes: point.bytes })),
    })),
    hazards: hazards.map((hazard) => ({ uri: uriOfPlace(hazard, cwd), line: hazard.line, column: hazard.column, kind: hazard.kind, message: hazard.message, count: hazard.count })),
  };
}
