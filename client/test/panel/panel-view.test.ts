import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as vscodeTypes from 'vscode';
import type { ToWebview } from '../../src/panel/messages.js';
import { Emitter, FakeUri, vscode } from './fake-vscode.js';
import { site, snapshot } from './figures.js';

vi.mock('vscode', async () => (await import('./fake-vscode.js')).vscode);

const { PANEL_CONTEXT_KEY, PanelViewProvider } = await import('../../src/panel/panel-view.js');

/** A webview view as VS Code hands it to the provider, with its events under the test's control. */
function fakeView() {
  const received = new Emitter<unknown>();
  const visibility = new Emitter<undefined>();
  const disposed = new Emitter<undefined>();
  const posted: ToWebview[] = [];
  const view = {
    visible: true,
    webview: {
      options: {} as vscodeTypes.WebviewOptions,
      html: '',
      cspSource: 'vscode-webview-resource:',
      asWebviewUri: (uri: FakeUri) => FakeUri.parse(`webview:${uri.toString()}`),
      postMessage: (message: ToWebview) => {
        posted.push(message);
        return Promise.resolve(true);
      },
      onDidReceiveMessage: received.event,
    },
    onDidChangeVisibility: visibility.event,
    onDidDispose: disposed.event,
  };
  return { view, posted, received, visibility, disposed, asView: view as unknown as vscodeTypes.WebviewView };
}

const media = FakeUri.parse('file:///ext/client/dist/media/panel') as unknown as vscodeTypes.Uri;

describe('PanelViewProvider', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.clearAllMocks();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('serves a page with scripts on, only its media folder as a resource root, and a nonce policy', () => {
    const { view, asView } = fakeView();
    new PanelViewProvider(media).resolveWebviewView(asView);
    expect(view.webview.options.enableScripts).toBe(true);
    expect(view.webview.options.localResourceRoots?.map(String)).toEqual(['file:///ext/client/dist/media/panel']);
    const nonce = /'nonce-([0-9a-f]+)'/.exec(view.webview.html)?.[1];
    expect(nonce).toBeDefined();
    expect(view.webview.html).toContain(`<script nonce="${nonce!}" src="webview:file:///ext/client/dist/media/panel/panel.js">`);
    expect(view.webview.html).toContain("default-src 'none'; style-src vscode-webview-resource: ");
  });

  it('gives each page load its own nonce', () => {
    const first = fakeView();
    const second = fakeView();
    const provider = new PanelViewProvider(media);
    provider.resolveWebviewView(first.asView);
    provider.resolveWebviewView(second.asView);
    expect(first.view.webview.html).not.toBe(second.view.webview.html);
  });

  it('posts the whole state when the page loads and when it says it is ready', () => {
    const provider = new PanelViewProvider(media);
    provider.update(snapshot({ runId: 3, sites: [site()] }));
    const { posted, received, asView } = fakeView();
    provider.resolveWebviewView(asView);
    received.fire({ type: 'ready' });
    expect(posted).toHaveLength(2);
    expect(posted[1]!.state.run?.runId).toBe(3);
    expect(posted[1]!.state.table.rows).toHaveLength(1);
  });

  it('says it has figures once, for the view’s when clause', () => {
    const provider = new PanelViewProvider(media);
    provider.update(snapshot({ elapsedMs: 1 }));
    provider.update(snapshot({ elapsedMs: 2 }));
    expect(vscode.commands.executeCommand).toHaveBeenCalledTimes(1);
    expect(vscode.commands.executeCommand).toHaveBeenCalledWith('setContext', PANEL_CONTEXT_KEY, true);
  });

  it('posts live updates at most four times a second, the newest last', () => {
    const provider = new PanelViewProvider(media);
    const { posted, asView } = fakeView();
    provider.resolveWebviewView(asView);
    posted.length = 0;
    for (let i = 1; i <= 10; i++) {
      provider.update(snapshot({ elapsedMs: i * 100, totals: { executions: i } }));
      vi.advanceTimersByTime(100);
    }
    vi.advanceTimersByTime(1000);
    expect(posted.length).toBeLessThanOrEqual(5);
    expect(posted.at(-1)!.state.totals.copies.value).toBe(10);
  });

  it('posts nothing while hidden, and everything when shown again', () => {
    const provider = new PanelViewProvider(media);
    const { view, posted, visibility, asView } = fakeView();
    provider.resolveWebviewView(asView);
    posted.length = 0;
    view.visible = false;
    provider.update(snapshot({ totals: { executions: 42 } }));
    vi.advanceTimersByTime(1000);
    expect(posted).toHaveLength(0);
    view.visible = true;
    visibility.fire(undefined);
    expect(posted).toHaveLength(1);
    expect(posted[0]!.state.totals.copies.value).toBe(42);
  });

  it('sorts and pages on the page’s request and answers at once', () => {
    const provider = new PanelViewProvider(media);
    provider.update(snapshot({ sites: Array.from({ length: 250 }, (_, i) => site({ line: i + 1 })) }));
    const { posted, received, asView } = fakeView();
    provider.resolveWebviewView(asView);
    received.fire({ type: 'sort', sort: { key: 'location', direction: 'descending' } });
    expect(posted.at(-1)!.state.table.rows[0]!.line).toBe(250);
    received.fire({ type: 'page', page: 2 });
    expect(posted.at(-1)!.state.table).toMatchObject({ page: 2, pageCount: 3 });
    expect(posted.at(-1)!.state.table.rows[0]!.line).toBe(50);
  });

  it('opens a revealed location and selects it, 0-based', async () => {
    const { received, asView } = fakeView();
    new PanelViewProvider(media).resolveWebviewView(asView);
    received.fire({ type: 'reveal', uri: 'file:///w/a.ts', line: 12, column: 5, preserveFocus: true });
    await vi.waitFor(() => {
      expect(vscode.window.showTextDocument).toHaveBeenCalled();
    });
    expect(vscode.workspace.openTextDocument).toHaveBeenCalledWith(FakeUri.parse('file:///w/a.ts'));
    const [, options] = vscode.window.showTextDocument.mock.calls[0] as unknown as [unknown, { selection: vscodeTypes.Selection; preserveFocus: boolean }];
    expect(options.preserveFocus).toBe(true);
    expect(options.selection.active).toEqual({ line: 11, character: 4 });
  });

  it('ignores a malformed message instead of acting on it', () => {
    const { received, posted, asView } = fakeView();
    new PanelViewProvider(media).resolveWebviewView(asView);
    received.fire({ type: 'reveal', uri: 'file:///w/a.ts', line: 0, column: 1 });
    received.fire({ type: 'page', page: 'last' });
    expect(vscode.workspace.openTextDocument).not.toHaveBeenCalled();
    expect(posted).toHaveLength(1);
  });

  it('tells the user when a location cannot be opened', async () => {
    vscode.workspace.openTextDocument.mockRejectedValueOnce(new Error('gone'));
    const { received, asView } = fakeView();
    new PanelViewProvider(media).resolveWebviewView(asView);
    received.fire({ type: 'reveal', uri: 'file:///w/gone.ts', line: 1, column: 1 });
    await vi.waitFor(() => {
      expect(vscode.window.showWarningMessage).toHaveBeenCalledWith('cowlens: cannot open file:///w/gone.ts: gone');
    });
  });

  it('lets go of a disposed view: no listener left, no post after', () => {
    const provider = new PanelViewProvider(media);
    const { received, disposed, posted, asView } = fakeView();
    provider.resolveWebviewView(asView);
    disposed.fire(undefined);
    expect(received.count).toBe(0);
    provider.update(snapshot());
    vi.advanceTimersByTime(1000);
    expect(posted).toHaveLength(1);
  });
});
