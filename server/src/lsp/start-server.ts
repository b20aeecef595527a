/**
 * Starts the cowlens language server on the transport named on the command line (`--stdio`,
 * `--node-ipc`, `--socket=<port>`), as `vscode-languageserver` reads it from `process.argv`.
 */
import {
  CodeActionKind,
  createConnection,
  DidChangeWorkspaceFoldersNotification,
  type InitializeResult,
  LSPErrorCodes,
  ResponseError,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { clientSupportOf, workspaceFolderPaths } from './client-support.js';
import { CowlensServer } from './cowlens-server.js';
import { guarded, guardedNotification } from './guard.js';
import { ClearFiguresRequest, EndRunRequest, PrepareRunRequest, ReportRequest, StartRunRequest, StopRunRequest } from './protocol.js';
import { serverVersion } from './server-version.js';
import { pathOfUri } from './uris.js';

export function startServer(): void {
  const connection = createConnection();
  const log = (message: string): void => {
    connection.console.error(message);
  };
  // Whatever slips past the handlers' guards (a timer, a stream event) is logged, and the server goes on.
  process.on('uncaughtException', (error) => {
    log(`cowlens: unexpected error: ${error.stack ?? error.message}`);
  });
  process.on('unhandledRejection', (reason) => {
    log(`cowlens: unexpected error: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`);
  });

  let server: CowlensServer | undefined;
  let watchFolders = false;
  /** Requests can only come after `initialize`, which creates the server. */
  const withServer = (): CowlensServer => {
    if (server === undefined) throw new Error('a request came before initialize');
    return server;
  };

  connection.onInitialize((params): InitializeResult => {
    const client = clientSupportOf(params, (message) => {
      connection.console.warn(message);
    });
    watchFolders = client.workspaceFolderChanges;
    server = new CowlensServer(connection, client, workspaceFolderPaths(params), serverVersion());
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        inlayHintProvider: true,
        codeLensProvider: { resolveProvider: false },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: client.workspaceFolderChanges } },
      },
      serverInfo: { name: 'cowlens', version: serverVersion() },
    };
  });

  connection.onInitialized(() => {
    const current = server;
    if (current === undefined || !watchFolders) return;
    connection.onNotification(
      DidChangeWorkspaceFoldersNotification.type,
      guardedNotification('workspace folder change', log, ({ event }) => {
        const removed = new Set(event.removed.flatMap((folder) => pathOfUri(folder.uri) ?? []));
        const added = event.added.flatMap((folder) => pathOfUri(folder.uri) ?? []);
        current.setFolders([...current.workspaceFolders.filter((folder) => !removed.has(folder)), ...added]);
      }),
    );
  });

  connection.onDidOpenTextDocument(guardedNotification('opening a document', log, (params) => {
    withServer().opened(params);
  }));
  connection.onDidChangeTextDocument(guardedNotification('applying an edit', log, (params) => {
    withServer().changed(params);
  }));
  connection.onDidCloseTextDocument(guardedNotification('closing a document', log, ({ textDocument }) => {
    withServer().closed(textDocument.uri);
  }));

  connection.languages.inlayHint.on(guarded('inlay hints', log, [], (params) => withServer().inlayHints(params)));
  connection.onCodeLens(guarded('code lenses', log, [], (params) => withServer().codeLenses(params)));
  connection.onHover(guarded('hover', log, null, (params) => withServer().hover(params)));
  connection.onCodeAction(guarded('code actions', log, [], (params) => withServer().codeActions(params)));

  connection.onRequest(StartRunRequest, async (params) => {
    try {
      return await withServer().startRun(params);
    } catch (error) {
      if (error instanceof ResponseError) throw error;
      log(`cowlens: starting a run failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      throw new ResponseError(LSPErrorCodes.RequestFailed, `cowlens could not start the run: ${error instanceof Error ? error.message : String(error)}. The cowlens output has the details.`);
    }
  });
  connection.onRequest(PrepareRunRequest, async (params) => {
    try {
      return await withServer().prepareRun(params);
    } catch (error) {
      if (error instanceof ResponseError) throw error;
      log(`cowlens: preparing a run failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      throw new ResponseError(LSPErrorCodes.RequestFailed, `${error instanceof Error ? error.message : String(error)}. The cowlens output has the details.`);
    }
  });
  connection.onRequest(EndRunRequest, guarded('ending the run', log, false, (params) => withServer().endRun(params)));
  connection.onRequest(StopRunRequest, guarded('stopping the run', log, false, () => withServer().stopRun()));
  connection.onRequest(ClearFiguresRequest, guarded('clearing the figures', log, undefined, () => {
    withServer().clearFigures();
  }));
  connection.onRequest(ReportRequest, guarded('the report', log, null, (params) => withServer().report(params)));

  connection.onShutdown(guarded('shutdown', log, undefined, () => server?.shutdown()));
  connection.listen();
}
