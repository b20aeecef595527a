import type { RunMode } from '../runtime/api.js';
import { formatBytes, formatCount } from './byte-units.js';
import { savingWords } from './saving-words.js';

/**
 * A site's or a run's figures in a few words, said the same way by the CLI, the editor (inline
 * labels, code lenses, hovers, the status bar) and the panel; the client imports this module as
 * `@cowlens/server/figure-words`.
 */

/** How often copies were made, and how many of them were not shared. */
export interface CopyCounts {
  readonly executions: number;
  /** Copies a write made private after they shared their source: "written". */
  readonly materialized: number;
  /** Copies made private from the start, as cow mode makes them: "eager". */
  readonly eager: number;
}

export interface SiteFigureFields extends CopyCounts {
  readonly bytesCopied: number;
  readonly bytesSaved: number;
  readonly sharedMax: number;
}

/**
 * `['12 copies', '3 written', '2 eager']`: how often copies were made (`1 copy`), how many a write
 * materialized (always: that none was written is the news), and how many were made eagerly or, in
 * observe mode, would be (only when some were). `count` formats the numbers.
 */
export function copyCountWords(figures: CopyCounts, count: (n: number) => string = String): string[] {
  const words = [`${count(figures.executions)} ${figures.executions === 1 ? 'copy' : 'copies'}`, `${count(figures.materialized)} written`];
  if (figures.eager > 0) words.push(`${count(figures.eager)} eager`);
  return words;
}

export interface SiteFigureWordsOptions {
  /** Whether the bytes copied are said: the editor's inline label leaves them to its colour and its hover. */
  readonly bytesCopied: boolean;
}

/**
 * A site's figures short enough for a line's end, parts in a fixed order, joined by ` · `; parts
 * with nothing to say are left out:
 *
 *   `<n> copies` (`1 copy`)    always: how often the site ran;
 *   `<n> written`              always: how many copies a write materialized;
 *   `<n> eager`                when copies were made eagerly, or in observe mode would be;
 *   `copied <bytes>`           when asked for and any bytes were copied;
 *   `saved <bytes>`            when sharing saved bytes; in observe mode `would save <bytes>`;
 *   `views cost <bytes> more`  when cow mode's views cost more than they saved (copies written soon);
 *   `shared ×<n>`              when more than one value shared a structure at once.
 *
 * Example: `1.2k copies · 3 written · 40 eager · saved 48 MB · shared ×1.0k`: counts shortened
 * (`1.2k`), bytes in SI units (`48 MB`).
 */
export function siteFigureWords(site: SiteFigureFields, mode: RunMode, options: SiteFigureWordsOptions): string {
  const parts = copyCountWords(site, formatCount);
  if (options.bytesCopied && site.bytesCopied > 0) parts.push(`copied ${formatBytes(site.bytesCopied)}`);
  if (site.bytesSaved > 0) parts.push(`${savingWords(mode)} ${formatBytes(site.bytesSaved)}`);
  if (site.bytesSaved < 0) parts.push(`views cost ${formatBytes(-site.bytesSaved)} more`);
  if (site.sharedMax > 1) parts.push(`shared ×${formatCount(site.sharedMax)}`);
  return parts.join(' · ');
}
