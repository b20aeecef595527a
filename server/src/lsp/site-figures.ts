import type { StaticSite } from '../analysis/scan-source.js';
import type { PlacedSite } from './run-figures.js';
import type { LiveSite } from './protocol.js';

/**
 * The run's figures of each static site of a document: a site and its figures meet at the same
 * line, column and kind (the instrumenter and the scanner find sites by the same matcher). A site
 * added since the run has none; a figure whose site was edited away matches nothing and is not shown.
 */
export function figuresOfSites(sites: readonly StaticSite[], placed: readonly PlacedSite[]): Map<StaticSite, LiveSite> {
  const byPlace = new Map(placed.map((p) => [`${String(p.line)}:${String(p.column)}:${p.site.kind}`, p.site]));
  const result = new Map<StaticSite, LiveSite>();
  for (const site of sites) {
    const figures = byPlace.get(`${String(site.line)}:${String(site.column)}:${site.kind}`);
    if (figures !== undefined) result.set(site, figures);
  }
  return result;
}
