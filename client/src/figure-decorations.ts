import * as vscode from 'vscode';
import { copyPointLabel, figureLabel } from './figure-label.js';
import { FIGURE_STYLES, figureStyle, type FigureStyle } from './figure-style.js';
import type { FigureStore } from './figure-store.js';
import { throttle, type Throttled } from '@cowlens/server/throttle';

/** Redraws at most this often (10 per second): live figures arrive every 100 ms at most anyway. */
const REDRAW_INTERVAL_MS = 100;

export interface DecorationSettings {
  readonly inlineFigures: boolean;
  readonly highlightBytes: number;
}

/**
 * Draws the store's figures in the visible editors: a label after the line of each copy site,
 * coloured by its style, and a gutter mark on each copy point. The decoration types are made once
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
    const { inlineFigures, highlightBytes } = this.settings();
    const byStyle = new Map<FigureStyle, vscode.DecorationOptions[]>(FIGURE_STYLES.map((style) => [style, []]));
    const copyPoints: vscode.DecorationOptions[] = [];
    if (inlineFigures) {
      const { document } = editor;
      const figures = this.store.figuresFor(document.uri.toString());
      for (const { line, site } of figures.sites) {
        if (line >= document.lineCount) continue;
        const end = document.lineAt(line).range.end;
        byStyle.get(figureStyle(site, highlightBytes, figures.stale))!.push({
          range: new vscode.Range(end, end),
          renderOptions: { after: { contentText: figureLabel(site) } },
        });
      }
      for (const { line, character, point, site } of figures.copyPoints) {
        if (line >= document.lineCount) continue;
        const place = `${vscode.workspace.asRelativePath(vscode.Uri.parse(site.uri))}:${String(site.line)}`;
        // The hover shows over the written word (an empty range would never be hovered).
        const range = document.getWordRangeAtPosition(new vscode.Position(line, character)) ?? document.lineAt(line).range;
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
