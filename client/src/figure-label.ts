import type { RunMode } from '@cowlens/server/protocol';
import { savingWords } from '@cowlens/server/saving-words';
import { formatBytes, formatCount } from '@cowlens/server/units';

/** The figures of one copy site that its inline label shows (a subset of the protocol's LiveSite). */
export interface SiteFigures {
  readonly executions: number;
  readonly materialized: number;
  readonly bytesCopied: number;
  readonly bytesSaved: number;
  readonly sharedMax: number;
}

/**
 * The inline label after a copy site's line, parts in a fixed order, joined by ` · `:
 *
 *   `⧉ <n> copies` (`⧉ 1 copy`)  always: how often the site ran;
 *   `<n> written`                 always: that none of the copies was written is the news;
 *   `saved <bytes>`               when sharing saved (or, negative, cost) bytes; in observe mode
 *                                 `would save <bytes>`: what copy-on-write would have saved;
 *   `shared ×<n>`                 when more than one value shared a structure at once.
 *
 * Example: `⧉ 1.2k copies · 3 written · saved 48 MB · shared ×1000`. Counts of copies are
 * shortened (`1.2k`), bytes in SI units (`48 MB`). The bytes copied are not in the label: its
 * colour says when they reach `cowlens.highlightBytes`, and the hover gives them. The end-to-end
 * test reads this text.
 */
export function figureLabel(site: SiteFigures, mode: RunMode): string {
  const parts = [`⧉ ${formatCount(site.executions)} ${site.executions === 1 ? 'copy' : 'copies'}`, `${formatCount(site.materialized)} written`];
  if (site.bytesSaved !== 0) parts.push(`${savingWords(mode)} ${formatBytes(site.bytesSaved)}`);
  if (site.sharedMax > 1) parts.push(`shared ×${String(site.sharedMax)}`);
  return parts.join(' · ');
}

/**
 * The hover of a copy point's gutter mark: which site's copies the write here forced, how many,
 * and the bytes they cost. `place` is where the site is (`src/store.ts:12`).
 */
export function copyPointLabel(point: { readonly count: number; readonly bytes: number }, kind: string, place: string): string {
  const copies = point.count === 1 ? 'a copy' : `${formatCount(point.count)} copies`;
  return `cowlens copy point: this write forced ${copies} (${formatBytes(point.bytes)}) of the ${kind} at ${place}`;
}
