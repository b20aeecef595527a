/** What the client said about itself at start-up, in the questions the server asks of it. */
import type { InitializeParams } from 'vscode-languageserver/node';
import { FIGURE_PLACEMENTS, type FigurePlacement, isFigurePlacement } from './figure-placement.js';
import type { CowlensInitializationOptions } from './protocol.js';
import { pathOfUri } from './uris.js';

export interface ClientSupport {
  /** The client draws the figures itself: hints and lenses stay static. */
  readonly liveDecorations: boolean;
  /** Where hints and lenses put a run's figures when the client does not draw them. */
  readonly figurePlacement: FigurePlacement;
  readonly configuration: boolean;
  readonly inlayHintRefresh: boolean;
  readonly codeLensRefresh: boolean;
  readonly workspaceFolderChanges: boolean;
}

/** `warn` hears of an initialization option the server cannot use, and what it does instead. */
export function clientSupportOf(params: InitializeParams, warn: (message: string) => void): ClientSupport {
  const options = params.initializationOptions as CowlensInitializationOptions | null | undefined;
  const workspace = params.capabilities.workspace;
  return {
    liveDecorations: options?.liveDecorations === true,
    figurePlacement: figurePlacementOf(params, options?.figurePlacement, warn),
    configuration: workspace?.configuration === true,
    inlayHintRefresh: workspace?.inlayHint?.refreshSupport === true,
    codeLensRefresh: workspace?.codeLens?.refreshSupport === true,
    workspaceFolderChanges: workspace?.workspaceFolders === true,
  };
}

/**
 * The placement the client asked for, else one it can show: a client that declares only one of
 * inlay hints and code lenses gets every figure there. Neovim 0.10 declares inlay hints only,
 * though it shows lenses when asked to: declaring is what it promises.
 */
function figurePlacementOf(params: InitializeParams, asked: unknown, warn: (message: string) => void): FigurePlacement {
  const textDocument = params.capabilities.textDocument;
  const fallback: FigurePlacement = textDocument?.inlayHint === undefined ? 'codeLens' : textDocument.codeLens === undefined ? 'endOfLine' : 'auto';
  if (asked === undefined || asked === null) return fallback;
  if (isFigurePlacement(asked)) return asked;
  warn(`cowlens: the initialization option figurePlacement = ${JSON.stringify(asked)} is not one of ${FIGURE_PLACEMENTS.join(', ')}; using ${fallback}.`);
  return fallback;
}

/**
 * The workspace folders' paths (a client without folders runs files in their own directories).
 * A client that gives a root (`rootUri`) and no folders, as clients from before LSP 3.6 do, has
 * that root as its one folder.
 */
export function workspaceFolderPaths(params: InitializeParams): string[] {
  // eslint-disable-next-line @typescript-eslint/no-deprecated -- read only when the client gives no folders
  const root: unknown = params.rootUri;
  const folders = params.workspaceFolders ?? (typeof root === 'string' ? [{ uri: root }] : []);
  return folders.flatMap((folder) => pathOfUri(folder.uri) ?? []);
}
