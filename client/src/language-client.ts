import type { CowlensInitializationOptions } from '@cowlens/server/protocol';
import type * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { DOCUMENT_SELECTOR } from './languages.js';

/** The bundled language server, inside the extension (see client/scripts/bundle.mjs). */
const SERVER_MAIN = 'client/dist/server/dist/lsp/main.js';

export function createLanguageClient(context: vscode.ExtensionContext): LanguageClient {
  const module = context.asAbsolutePath(SERVER_MAIN);
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  // The client draws live figures as decorations, so the server leaves them out of hints and lenses.
  const initializationOptions: CowlensInitializationOptions = { liveDecorations: true };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [...DOCUMENT_SELECTOR],
    initializationOptions,
  };
  return new LanguageClient('cowlens', 'cowlens language server', serverOptions, clientOptions);
}
