import * as vscode from 'vscode';
import type { FigurePlacement } from '@cowlens/server/figure-placement';
import { copyPointLabel, figureLabel } from './figure-label.js';
import { figureOfLineInLens } from './figure-lenses.js';
import { FIGURE_STYLES, figureStyle, type FigureStyle } from './figure-style.js';
import type { FigureStore } from './figure-store.js';
import { throttle, type Throttled } from '@cowlens/server/throttle';

/** Redraws at most this often (10 per second): live figures arrive every 100 ms at most anyway. */
const REDRAW_INTERVAL_MS = 100;

export interface DecorationSettings {
  readonly inlineFigures: boolean;
  readonly highlightBytes: number;
  readonly figurePlacement: FigurePlacement;
}

/**
 * Draws the store's figures in the visible editors: a label after the line of each copy site,
 * coloured by its style (unless the line is too long for it: FigureLenses shows those), and a
 * gutter mark on each copy point. The decoration types are made once
 * and only their ranges change, so a redraw never flickers.
 */
export class FigureDecorations implements vscode.Disposable {
  readonly #figureTypes: ReadonlyMap<FigureStyle, vscode.TextEditorDecorationType>;
  readonly #copyPointType: vscode.TextEditorDecorationType;
  readonly #redraw: Throttled;

  constructor(
    private readonly store: FigureStore,
    private readonly settings: () => DecorationSettings,
    copyPointIcon: vscode.Uri,
  ) {
    this.#figureTypes = new Map(FIGURE_STYLES.map((style) => [style, figureType(style)]));
    this.#copyPointType = vscode.window.createTextEditorDecorationType({
      gutterIconPath: copyPointIcon,
      gutterIconSize: 'contain',
      overviewRulerColor: new vscode.ThemeColor('cowlens.copyPointForeground'),
      overviewRulerLane: vscode.OverviewRulerLane.Right,
    });
    this.#redraw = throttle(() => {
      this.redrawNow();
    }, REDRAW_INTERVAL_MS);
  }

  /** Asks for a redraw of every visible editor, throttled. */
  redraw(): void {
    this.#redraw.schedule();
  }

  redrawNow(): void {
    for (const editor of vscode.window.visibleTextEditors) this.draw(editor);
  }

  draw(editor: vscode.TextEditor): void {
    const { inlineFigures, highlightBytes, figurePlacement } = this.settings();
    const byStyle = new Map<FigureStyle, vscode.DecorationOptions[]>(FIGURE_STYLES.map((style) => [style, []]));
    const copyPoints: vscode.DecorationOptions[] = [];
    if (inlineFigures) {
      const { document } = editor;
      const figures = this.store.figuresFor(document.uri.toString());
      for (const { line, site } of figures.sites) {
        if (line >= document.lineCount) continue;
        const label = figureLabel(site, this.store.run?.mode ?? 'observe');
        if (figureOfLineInLens(document, line, label, figurePlacement)) continue;
        const end = document.lineAt(line).range.end;
        byStyle.get(figureStyle(site, highlightBytes, figures.stale))!.push({
          range: new vscode.Range(end, end),
          renderOptions: { after: { contentText: label } },
        });
      }
      for (const { line, point, site } of figures.copyPoints) {
        if (line >= document.lineCount) continue;
        const place = `${vscode.workspace.asRelativePath(vscode.Uri.parse(site.uri))}:${String(site.line)}`;
        // VS Code shows an extension's decoration hover over text only, never over its gutter icon
        // (setDecorationsByType sets hoverMessage, not glyphMarginHoverMessage; microsoft/vscode#28080):
        // the whole text of the line is the way to the mark's hover.
        const text = document.lineAt(line);
        const range = new vscode.Range(line, text.firstNonWhitespaceCharacterIndex, line, text.range.end.character);
        copyPoints.push({ range, hoverMessage: copyPointLabel(point, site.kind, place) });
      }
    }
    for (const [style, type] of this.#figureTypes) editor.setDecorations(type, byStyle.get(style)!);
    editor.setDecorations(this.#copyPointType, copyPoints);
  }

  dispose(): void {
    this.#redraw.cancel();
    for (const type of this.#figureTypes.values()) type.dispose();
    this.#copyPointType.dispose();
  }
}

function figureType(style: FigureStyle): vscode.TextEditorDecorationType {
  return vscode.window.createTextEditorDecorationType({
    after: {
      color: new vscode.ThemeColor(`cowlens.${style === 'neutral' ? 'figure' : style}Foreground`),
      margin: '0 0 0 2em',
      fontStyle: style === 'stale' ? 'italic' : 'normal',
    },
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
  });
}
