import * as vscode from 'vscode';
import { figureInLens, type FigurePlacement } from '@cowlens/server/figure-placement';
import { figureLabel } from './figure-label.js';
import type { FigureStore } from './figure-store.js';
import { PANEL_VIEW_ID } from './panel/panel-view.js';

/**
 * The figures of sites whose line is too long for them (or all, as `cowlens.figurePlacement`
 * says), as code lenses above the line; FigureDecorations draws the others after their line, so
 * that each site's figures are in one place. A lens opens the cowlens view.
 */
export class FigureLenses implements vscode.CodeLensProvider, vscode.Disposable {
  readonly #changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.#changed.event;

  constructor(
    private readonly store: FigureStore,
    private readonly settings: () => { readonly inlineFigures: boolean; readonly figurePlacement: FigurePlacement },
  ) {}

  /** The store's figures or the settings changed. */
  refresh(): void {
    this.#changed.fire();
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const { inlineFigures, figurePlacement } = this.settings();
    if (!inlineFigures) return [];
    const figures = this.store.figuresFor(document.uri.toString());
    const lenses: vscode.CodeLens[] = [];
    for (const { line, site } of figures.sites) {
      if (line >= document.lineCount) continue;
      const label = figureLabel(site, this.store.run?.mode ?? 'observe');
      if (!figureOfLineInLens(document, line, label, figurePlacement)) continue;
      const title = figures.stale ? `${label} · before your edits` : label;
      lenses.push(new vscode.CodeLens(document.lineAt(line).range, { title, command: `${PANEL_VIEW_ID}.focus`, tooltip: 'Show the cowlens view' }));
    }
    return lenses;
  }

  dispose(): void {
    this.#changed.dispose();
  }
}

/** Whether the figures labelled `label` of a site on `line` go in a lens: the one rule the lenses and the decorations share. */
export function figureOfLineInLens(document: vscode.TextDocument, line: number, label: string, placement: FigurePlacement): boolean {
  return figureInLens(placement, document.lineAt(line).text, tabSizeOf(document), label);
}

function tabSizeOf(document: vscode.TextDocument): number {
  const shown = vscode.window.visibleTextEditors.find((editor) => editor.document === document)?.options.tabSize;
  if (typeof shown === 'number') return shown;
  return vscode.workspace.getConfiguration('editor', document).get<number>('tabSize', 4);
}
