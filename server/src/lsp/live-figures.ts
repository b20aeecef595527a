/**
 * A run's figures in the protocol's terms: the report's sites and hazards with `file://` URIs in
 * place of files relative to the run's folder.
 */
import { resolve } from 'node:path';
import { type HazardReport, type Place, type SiteReport, UNINSTRUMENTED_FILE } from '../report/model.js';
import { summarizeTotals } from '../report/summarize-totals.js';
import type { LiveHazard, LiveSite, LiveTotals, WithUri } from './protocol.js';
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
    sites: sites.map((site) => ({ ...withUri(site, cwd), copyPoints: site.copyPoints.map((point) => withUri(point, cwd)) })),
    hazards: hazards.map((hazard) => withUri(hazard, cwd)),
  };
}

function withUri<T extends Place>(record: T, cwd: string): WithUri<T> {
  const { file: _file, ...rest } = record;
  return { ...rest, uri: uriOfPlace(record, cwd) };
}
