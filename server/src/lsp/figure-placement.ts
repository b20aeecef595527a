/**
 * Where a site's figures go: after its line or in a code lens. The VS Code client's
 * `cowlens.figurePlacement` setting and the language server's `figurePlacement` initialization
 * option take the same values and follow this one rule.
 */
export type FigurePlacement = 'auto' | 'endOfLine' | 'codeLens';

export const FIGURE_PLACEMENTS: readonly FigurePlacement[] = ['auto', 'endOfLine', 'codeLens'];

/** Whether a setting's or an option's value is one of the placements. */
export function isFigurePlacement(value: unknown): value is FigurePlacement {
  return (FIGURE_PLACEMENTS as readonly unknown[]).includes(value);
}

/**
 * The last column `auto` lets a figure after its line reach. Past it a figure runs under the
 * minimap (or off the screen) of a usual window: a 1,500 px wide window with the minimap shows
 * about 150 columns, and 120 is the longest line most formatters and rulers allow.
 */
export const LAST_FIGURE_COLUMN = 120;

/** The space between a line and its figures (VS Code's decoration margin, 2em), in columns. */
const FIGURE_MARGIN = 2;

/** Whether a figure labelled `label` shows in a code lens above `lineText` rather than after it. */
export function figureInLens(placement: FigurePlacement, lineText: string, tabSize: number, label: string): boolean {
  if (placement !== 'auto') return placement === 'codeLens';
  return visualWidth(lineText, tabSize) + FIGURE_MARGIN + label.length > LAST_FIGURE_COLUMN;
}

/** Columns a line takes on screen, a tab reaching the next tab stop. */
function visualWidth(text: string, tabSize: number): number {
  let column = 0;
  for (const char of text) column = char === '\t' ? column + tabSize - (column % tabSize) : column + 1;
  return column;
}
