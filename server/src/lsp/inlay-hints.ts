/**
 * An inlay hint at the end of each copy expression: what kind of copy it is, and after a run (for
 * a client that does not draw the figures itself, unless they go in a code lens) what it cost. A
 * copy that spans lines (a multi-line literal) has its hint at the end of its first line, where
 * the site's figures and its code lens are: one place per site.
 */
import type { InlayHint, Position, Range } from 'vscode-languageserver/node';
import type { StaticSite } from '../analysis/scan-source.js';
import type { LiveSite, RunMode } from './protocol.js';
import { siteFigureWords } from '../report/figure-words.js';
import { staticLabel } from './site-labels.js';
import { rangeOfSite, rangesTouch } from './site-ranges.js';

/** `lineEnd(line)` is the position after the last character of a 0-based line of the document. */
/** `mode` is the run's whose figures these are. */
export function inlayHintsOf(sites: readonly StaticSite[], figures: ReadonlyMap<StaticSite, LiveSite>, mode: RunMode, range: Range, lineEnd: (line: number) => Position): InlayHint[] {
  return sites
    .filter((site) => rangesTouch(rangeOfSite(site), range))
    .map((site) => {
      const run = figures.get(site);
      const { start, end } = rangeOfSite(site);
      return { position: start.line === end.line ? end : lineEnd(start.line), label: hintLabel(site, run, mode), paddingLeft: true };
    });
}

/** `⧉ spread`, or after a run `⧉ spread · 12 copies · 3 written · …`. */
export function hintLabel(site: StaticSite, run: LiveSite | undefined, mode: RunMode): string {
  return run === undefined ? staticLabel(site.kind) : `${staticLabel(site.kind)} · ${siteFigureWords(run, mode, { bytesCopied: true })}`;
}
