/**
 * An inlay hint at the end of each copy expression: what kind of copy it is, and after a run (for
 * a client that does not draw the figures itself) what it cost.
 */
import type { InlayHint, Range } from 'vscode-languageserver/node';
import type { StaticSite } from '../analysis/scan-source.js';
import type { LiveSite } from './protocol.js';
import { compactFigures, staticLabel } from './site-labels.js';
import { rangeOfSite, rangesTouch } from './site-ranges.js';

export function inlayHintsOf(sites: readonly StaticSite[], figures: ReadonlyMap<StaticSite, LiveSite>, range: Range): InlayHint[] {
  return sites
    .filter((site) => rangesTouch(rangeOfSite(site), range))
    .map((site) => {
      const run = figures.get(site);
      return {
        position: rangeOfSite(site).end,
        label: run === undefined ? staticLabel(site.kind) : `${staticLabel(site.kind)} · ${compactFigures(run)}`,
        paddingLeft: true,
      };
    });
}
