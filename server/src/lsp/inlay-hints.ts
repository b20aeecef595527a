/**
 * An inlay hint at the end of each copy expression: what kind of copy it is, and after a run (for
 * a client that does not draw the figures itself) what it cost. A copy that spans lines (a
 * multi-line literal) has its hint at the end of its first line, where the site's figures and its
 * code lens are: one place per site.
 */
import type { InlayHint, Position, Range } from 'vscode-languageserver/node';
import type { StaticSite } from '../analysis/scan-source.js';
import type { LiveSite } from './protocol.js';
import { compactFigures, staticLabel } from './site-labels.js';
import { rangeOfSite, rangesTouch } from './site-ranges.js';

/** `lineEnd(line)` is the position after the last character of a 0-based line of the document. */
export function inlayHintsOf(sites: readonly StaticSite[], figures: ReadonlyMap<StaticSite, LiveSite>, range: Range, lineEnd: (line: number) => Position): InlayHint[] {
  return sites
    .filter((site) => rangesTouch(rangeOfSite(site), range))
    .map((site) => {
      const run = figures.get(site);
      const { start, end } = rangeOfSite(site);
      return {
        position: start.line === end.line ? end : lineEnd(start.line),
        label: run === undefined ? staticLabel(site.kind) : `${staticLabel(site.kind)} · ${compactFigures(run)}`,
        paddingLeft: true,
      };
    });
}
