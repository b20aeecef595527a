/** What the client said about itself at start-up, in the questions the server asks of it. */
import type { InitializeParams } from 'vscode-languageserver/node';
import type { CowlensInitializationOptions } from './protocol.js';
import { pathOfUri } from './uris.js';

export interface ClientSupport {
  /** The client draws the figures itself: hints and lenses stay static. */
  readonly liveDecorations: boolean;
  readonly configuration: boolean;
  readonly inlayHintRefresh: boolean;
  readonly codeLensRefresh: boolean;
  readonly workspaceFolderChanges: boolean;
}

export function clientSupportOf(params: InitializeParams): ClientSupport {
  const options = params.initializationOptions as CowlensInitializationOptions | null | undefined;
  const workspace = params.capabilities.workspace;
  return {
    liveDecorations: options?.liveDecorations === true,
    configuration: workspace?.configuration === true,
    inlayHintRefresh: workspace?.inlayHint?.refreshSupport === true,
    codeLensRefresh: workspace?.codeLens?.refreshSupport === true,
    workspaceFolderChanges: workspace?.workspaceFolders === true,
  };
}

/** The workspace folders' paths (a client without folders runs files in their own directories). */
export function workspaceFolderPaths(params: InitializeParams): string[] {
  return (params.workspaceFolders ?? []).flatMap((folder) => pathOfUri(folder.uri) ?? []);
}
