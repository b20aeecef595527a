import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { FigureStore } from './figure-store.js';
import { exportReport, type ExportArgs, type ReportDocuments } from './report-document.js';
import { messageOf, type RunController } from './run-controller.js';
import { toggleInlineFigures } from './settings.js';

export interface CommandDeps {
  readonly server: () => Promise<LanguageClient>;
  readonly runs: RunController;
  readonly reports: ReportDocuments;
  readonly store: FigureStore;
  readonly onFiguresChanged: () => void;
  /** The figures were cleared: views that keep their own copy (the panel) let go of it. */
  readonly onCleared: () => void;
}

/** The palette commands (contributes.commands in package.json); each reports its own failure. */
export function registerCommands(deps: CommandDeps): vscode.Disposable[] {
  const { runs } = deps;
  const command = (id: string, run: (...args: never[]) => Promise<unknown>): vscode.Disposable =>
    vscode.commands.registerCommand(id, async (...args: never[]) => {
      try {
        return await run(...args);
      } catch (error) {
        void vscode.window.showErrorMessage(`cowlens: ${messageOf(error)}`);
        return undefined;
      }
    });
  return [
    // From the explorer or the editor title the file comes as an argument; from the palette it is the active editor's.
    command('cowlens.runFile', async (uri?: vscode.Uri) => {
      const document = uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
      if (!document) {
        void vscode.window.showWarningMessage('cowlens: open a JavaScript or TypeScript file to run it.');
        return;
      }
      // The server runs the file on disk: run what the user sees.
      if (document.isDirty) await document.save();
      await runs.start({ kind: 'file', uri: document.uri.toString() });
    }),
    command('cowlens.runTests', () => runs.start({ kind: 'tests' })),
    command('cowlens.runEntry', () => runs.start({ kind: 'entry' })),
    command('cowlens.stop', () => runs.stop()),
    command('cowlens.clearFigures', async () => {
      deps.store.clear();
      deps.onFiguresChanged();
      deps.onCleared();
      await runs.clear();
    }),
    command('cowlens.toggleInlineFigures', toggleInlineFigures),
    command('cowlens.showReport', () => deps.reports.show()),
    command('cowlens.exportReport', (args?: ExportArgs) => exportReport(deps.server, args)),
  ];
}
