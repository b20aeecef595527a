import type { RunMode } from '@cowlens/server/protocol';
import { type SiteFigureFields, siteFigureWords } from '@cowlens/server/figure-words';
import { formatBytes, formatCount } from '@cowlens/server/units';

/**
 * The inline label after a copy site's line: the mark, then the site's figures as the server's
 * inlay hints and code lenses word them (server/src/report/figure-words.ts), without the bytes
 * copied: the label's colour says when they reach `cowlens.highlightBytes`, and the hover gives
 * them. Example: `⧉ 1.2k copies · 3 written · 40 eager · saved 48 MB · shared ×1.0k`. The
 * end-to-end test reads this text.
 */
export function figureLabel(site: SiteFigureFields, mode: RunMode): string {
  return `⧉ ${siteFigureWords(site, mode, { bytesCopied: false })}`;
}

/**
 * The hover of a copy point's gutter mark: which site's copies the write here forced, how many,
 * and the bytes they cost. `place` is where the site is (`src/store.ts:12`).
 */
export function copyPointLabel(point: { readonly count: number; readonly bytes: number }, kind: string, place: string): string {
  const copies = point.count === 1 ? 'a copy' : `${formatCount(point.count)} copies`;
  return `cowlens copy point: this write forced ${copies} (${formatBytes(point.bytes)}) of the ${kind} at ${place}`;
}
