import type { SiteFigureFields } from '@cowlens/server/figure-words';

/**
 * How a figure is coloured, one decoration type (and one theme colour) each:
 * `stale` figures belong to code edited since the run; `waste` sites copied at least the
 * `cowlens.highlightBytes` threshold; `saved` sites saved bytes by sharing; the rest are `neutral`.
 */
export type FigureStyle = 'neutral' | 'waste' | 'saved' | 'stale';

export const FIGURE_STYLES: readonly FigureStyle[] = ['neutral', 'waste', 'saved', 'stale'];

export function figureStyle(site: Pick<SiteFigureFields, 'bytesCopied' | 'bytesSaved'>, highlightBytes: number, stale: boolean): FigureStyle {
  if (stale) return 'stale';
  if (site.bytesCopied >= highlightBytes && site.bytesCopied > 0) return 'waste';
  if (site.bytesSaved > 0) return 'saved';
  return 'neutral';
}
