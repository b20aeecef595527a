/**
 * What the server makes of a client's initialize request. neovim-0.10-capabilities.json is what
 * Neovim 0.10.4 declares, as it printed it: `nvim --headless --clean -c 'lua
 * io.stdout:write(vim.json.encode(vim.lsp.protocol.make_client_capabilities()))' -c 'qa!'`
 * (.ci/neovim installs that Neovim).
 */
import { readFileSync } from 'node:fs';
import type { ClientCapabilities, InitializeParams } from 'vscode-languageserver/node';
import { describe, expect, it } from 'vitest';
import { clientSupportOf, workspaceFolderPaths } from '../../src/lsp/client-support.js';

const NEOVIM_0_10 = JSON.parse(readFileSync(new URL('neovim-0.10-capabilities.json', import.meta.url), 'utf8')) as ClientCapabilities;

const params = (capabilities: ClientCapabilities, initializationOptions?: unknown, folders: Partial<InitializeParams> = {}): InitializeParams =>
  // eslint-disable-next-line @typescript-eslint/no-deprecated -- the protocol's type still requires it
  ({ processId: null, rootUri: null, workspaceFolders: null, capabilities, initializationOptions, ...folders });

const support = (capabilities: ClientCapabilities, initializationOptions?: unknown): { placement: string; warnings: string[] } => {
  const warnings: string[] = [];
  const client = clientSupportOf(params(capabilities, initializationOptions), (message) => warnings.push(message));
  return { placement: client.figurePlacement, warnings };
};

describe('the figure placement a client gets', () => {
  it('Neovim 0.10 declares inlay hints and their refresh, and no code lenses: every figure goes in its hint', () => {
    const client = clientSupportOf(params(NEOVIM_0_10), () => undefined);
    expect(client).toMatchObject({ figurePlacement: 'endOfLine', inlayHintRefresh: true, codeLensRefresh: false, configuration: true });
  });

  it('follows the placement the client asks for', () => {
    expect(support(NEOVIM_0_10, { figurePlacement: 'auto' })).toEqual({ placement: 'auto', warnings: [] });
    expect(support(NEOVIM_0_10, { figurePlacement: 'codeLens' })).toEqual({ placement: 'codeLens', warnings: [] });
  });

  it('without one, puts the figures where the client declares it can show them', () => {
    expect(support({ textDocument: { inlayHint: {}, codeLens: {} } }).placement).toBe('auto');
    expect(support({ textDocument: { codeLens: {} } }).placement).toBe('codeLens');
    expect(support({ textDocument: { inlayHint: {} } }).placement).toBe('endOfLine');
  });

  it('says so when the placement asked for is not one, and uses its own', () => {
    const { placement, warnings } = support(NEOVIM_0_10, { figurePlacement: 'above' });
    expect(placement).toBe('endOfLine');
    expect(warnings).toEqual(['cowlens: the initialization option figurePlacement = "above" is not one of auto, endOfLine, codeLens; using endOfLine.']);
  });
});

describe('the workspace folders of a client', () => {
  it('are its folders, else its root, else none', () => {
    const folder = { uri: 'file:///work/a', name: 'a' };
    expect(workspaceFolderPaths(params({}, undefined, { workspaceFolders: [folder], rootUri: 'file:///work/b' }))).toEqual(['/work/a']);
    expect(workspaceFolderPaths(params({}, undefined, { rootUri: 'file:///work/b' }))).toEqual(['/work/b']);
    expect(workspaceFolderPaths(params({}))).toEqual([]);
  });
});
