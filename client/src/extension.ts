import { EndRunRequest, PrepareRunRequest, RunFiguresNotification, RunOutputNotification, type RunFiguresParams, type StartRunResult } from '@cowlens/server/protocol';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { registerCommands } from './commands.js';
import { registerDebugInjection } from './debug/debug-provider.js';
import { FigureDecorations } from './figure-decorations.js';
import { FigureLenses } from './figure-lenses.js';
import { FigureStore } from './figure-store.js';
import { createLanguageClient } from './language-client.js';
import { DOCUMENT_SELECTOR } from './languages.js';
import { PANEL_VIEW_ID, PanelViewProvider } from './panel/panel-view.js';
import { ReportDocuments } from './report-document.js';
import { runOutcomeMessage, type RunOutcomeMessage } from './run-outcome.js';
import { RunController, messageOf } from './run-controller.js';
import { clientSettings } from './settings.js';
import { StatusBar } from './status-bar.js';
import { watchSaves } from './watch-mode.js';

let client: LanguageClient | undefined;

/**
 * Wires the parts together and returns at once: the server starts in the background (requests
 * wait for it), and nothing is scanned or read here, so activation costs what loading the bundle costs.
 */
export function activate(context: vscode.ExtensionContext): void {
  const activating = performance.now();
  const output = vscode.window.createOutputChannel('cowlens');
  const languageClient = createLanguageClient(context);
  client = languageClient;
  const started = languageClient.start().then(
    () => {
      output.appendLine(`[cowlens] language server ready ${String(Math.round(performance.now() - activating))} ms after activation`);
      return languageClient;
    },
    (error: unknown) => {
      void vscode.window.showErrorMessage(`cowlens: the language server did not start: ${messageOf(error)}`);
      throw error;
    },
  );
  // Failures reach the user through the message above and each command's own; nothing is left unhandled.
  started.catch(() => undefined);
  const server = (): Promise<LanguageClient> => started;

  const store = new FigureStore((uri) => vscode.Uri.parse(uri).toString());
  const decorations = new FigureDecorations(store, clientSettings, vscode.Uri.joinPath(context.extensionUri, 'client', 'dist', 'media', 'copy-point.svg'));
  const status = new StatusBar();
  const reports = new ReportDocuments(server);
  const panel = new PanelViewProvider(vscode.Uri.joinPath(context.extensionUri, 'client', 'dist', 'media', 'panel'));
  const lenses = new FigureLenses(store, clientSettings);
  const figuresChanged = (): void => {
    decorations.redraw();
    lenses.refresh();
    status.update(clientSettings().mode, store.run);
  };
  const showFigures = (figures: RunFiguresParams): void => {
    if (!store.accept(figures)) return;
    panel.update(figures);
    figuresChanged();
    void vscode.commands.executeCommand('setContext', 'cowlens.running', figures.state === 'running');
  };
  // A program may run a while before its first figures: show the run as going from its start (its
  // first figures may also have come before the answer to startRun, and are then kept).
  const runs = new RunController(server, output, (started) => {
    if (store.run?.runId !== started.runId) showFigures(noFiguresYet(started));
    void panel.revealOnFirstRun();
  });

  languageClient.onNotification(RunFiguresNotification, (figures) => {
    showFigures(figures);
    if (figures.state === 'finished') {
      output.appendLine(finishedLine(figures));
      // The figures and the status bar tell how a run went; the program's output matters when it
      // failed. A debugged program's output is in the Debug Console, and its exit status is the debugger's.
      const outcome = runOutcomeMessage(figures);
      if (outcome !== undefined) {
        if (outcome.severity === 'error') output.show(true);
        void tellOutcome(outcome, output);
      }
      reports.refresh().catch((error: unknown) => {
        output.appendLine(`[cowlens] could not fetch the report: ${messageOf(error)}`);
      });
    }
  });
  languageClient.onNotification(RunOutputNotification, ({ text }) => {
    output.append(text);
  });

  context.subscriptions.push(
    output,
    decorations,
    status,
    reports,
    panel,
    vscode.window.registerWebviewViewProvider(PANEL_VIEW_ID, panel),
    lenses,
    vscode.languages.registerCodeLensProvider(DOCUMENT_SELECTOR, lenses),
    registerDebugInjection({
      prepareRun: async (folder, command) => {
        const prepared = await (await server()).sendRequest(PrepareRunRequest, { command, ...(folder ? { folderUri: folder.uri.toString() } : {}) });
        output.appendLine(`[cowlens] run ${String(prepared.runId)} (${prepared.mode}, in a debug session): ${command.join(' ')}`);
        if (store.run?.runId !== prepared.runId) showFigures(noFiguresYet({ ...prepared, command }));
        return prepared;
      },
      endRun: async (runId) => {
        await (await server()).sendRequest(EndRunRequest, { runId });
      },
      enabledBySetting: () => clientSettings().debug,
    }),
    ...registerCommands({
      server,
      runs,
      reports,
      store,
      onFiguresChanged: figuresChanged,
      onCleared: () => {
        panel.clear();
      },
    }),
    vscode.window.onDidChangeVisibleTextEditors((editors) => {
      for (const editor of editors) decorations.draw(editor);
    }),
    vscode.workspace.onDidChangeTextDocument(({ document, contentChanges }) => {
      if (store.recordEdits(document.uri.toString(), contentChanges)) decorations.redraw();
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('cowlens')) figuresChanged();
    }),
    watchSaves(
      () => clientSettings().watch,
      () => {
        const target = runs.lastTarget;
        if (target) void runs.start(target);
      },
    ),
  );
  status.update(clientSettings().mode, undefined);
  output.appendLine(`[cowlens] activated in ${(performance.now() - activating).toFixed(1)} ms`);
}

export function deactivate(): Promise<void> | undefined {
  return client?.stop();
}

function noFiguresYet({ runId, mode, command }: StartRunResult): RunFiguresParams {
  const totals = { sites: 0, executions: 0, materialized: 0, eager: 0, bytesCopied: 0, bytesSaved: 0, sharedMax: 0, hazards: 0 };
  return { runId, state: 'running', mode, command, elapsedMs: 0, totals, sites: [], hazards: [] };
}

/** The message with its buttons; a button does what it says once the user picks it. */
async function tellOutcome(outcome: RunOutcomeMessage, output: vscode.OutputChannel): Promise<void> {
  const show = outcome.severity === 'error' ? vscode.window.showErrorMessage : vscode.window.showWarningMessage;
  const picked = await show(outcome.text, ...outcome.actions);
  if (picked === 'Show Output') output.show();
  else if (picked === 'Show Report') await vscode.commands.executeCommand('cowlens.showReport');
}

function finishedLine(figures: RunFiguresParams): string {
  const exit = typeof figures.exitCode === 'number' ? `exit code ${String(figures.exitCode)}` : typeof figures.signal === 'string' ? `killed by ${figures.signal}` : 'no exit code';
  const incomplete = figures.complete === false ? `, incomplete: ${(figures.incomplete ?? []).join('; ')}` : '';
  return `[cowlens] run ${String(figures.runId)} finished (${exit}${incomplete})`;
}
