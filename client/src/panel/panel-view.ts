import type { RunFiguresParams } from '@cowlens/server/protocol';
import * as vscode from 'vscode';
import { parseFromWebview, type FromWebview, type PanelState, type ToWebview } from './messages.js';
import { makeNonce } from './nonce.js';
import { panelHtml } from './panel-html.js';
import { PanelModel } from './panel-model.js';
import { latestWins, type LatestWins } from '@cowlens/server/throttle';

/** The view's id in `contributes.views.cowlens`, the view container of its own in the bottom panel. */
export const PANEL_VIEW_ID = 'cowlens.panel';

/** Four posts a second: a chart that moves smoothly, and at most four serialisations of the state a second. */
const POST_INTERVAL_MS = 250;

/**
 * The cowlens view, in a container of its own in the bottom panel (beside the program's output and
 * terminal, and wide enough for the site table). The webview is not kept alive while hidden
 * (`retainContextWhenHidden` would hold a whole renderer for a panel nobody looks at); instead the
 * extension keeps the state in a `PanelModel` and posts all of it whenever the page (re)loads or
 * the view becomes visible, and the page keeps its own view state (expanded rows, focus, scroll)
 * with `vscode.setState`.
 */
export class PanelViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  readonly #model: PanelModel;
  readonly #mediaRoot: vscode.Uri;
  #view: vscode.WebviewView | undefined;
  /** Whether the view was ever resolved or revealed in this window. */
  #shownOnce = false;
  #focusEditorWhenReady = false;
  #viewDisposables: vscode.Disposable[] = [];
  readonly #scheduler: LatestWins<PanelState>;

  /**
   * `mediaRoot` is the folder holding `panel.js` and `panel.css`: in the extension as built,
   * `client/dist/media/panel` (the bundle copies `client/media` there, and only `client/dist` is
   * packaged). It is the page's only resource root.
   */
  constructor(mediaRoot: vscode.Uri) {
    this.#mediaRoot = mediaRoot;
    this.#model = new PanelModel({ fileOf: (uri) => vscode.workspace.asRelativePath(vscode.Uri.parse(uri), false) });
    this.#scheduler = latestWins((state) => {
      this.#post(state);
    }, POST_INTERVAL_MS);
  }

  /** Feed it every `cowlens/runFigures` notification; posts reach the webview at most four a second. */
  update(figures: RunFiguresParams): void {
    if (!this.#model.accept(figures)) return;
    if (this.#view?.visible === true) this.#scheduler.offer(() => this.#model.state());
  }

  /** `cowlens.clearFigures`: the panel goes back to its empty state at once. */
  clear(): void {
    this.#model.clear();
    if (this.#view !== undefined) this.#postNow();
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.#disposeView();
    this.#view = view;
    this.#shownOnce = true;
    view.webview.options = { enableScripts: true, localResourceRoots: [this.#mediaRoot] };
    view.webview.html = panelHtml({
      scriptUri: view.webview.asWebviewUri(vscode.Uri.joinPath(this.#mediaRoot, 'panel.js')).toString(),
      styleUri: view.webview.asWebviewUri(vscode.Uri.joinPath(this.#mediaRoot, 'panel.css')).toString(),
      cspSource: view.webview.cspSource,
      nonce: makeNonce(),
    });
    this.#viewDisposables.push(
      view.webview.onDidReceiveMessage((message: unknown) => {
        const parsed = parseFromWebview(message);
        if (parsed !== undefined) void this.#handle(parsed);
      }),
      view.onDidChangeVisibility(() => {
        if (view.visible) this.#postNow();
      }),
      view.onDidDispose(() => {
        if (this.#view === view) this.#disposeView();
      }),
    );
    this.#postNow();
  }

  /**
   * Shows the view on the first run of a window, so that a new user finds it, and never again: a
   * user who closed it meant it. The editor keeps the focus.
   */
  async revealOnFirstRun(): Promise<void> {
    if (this.#shownOnce) return;
    this.#shownOnce = true;
    if (this.#view !== undefined) {
      this.#view.show(true);
      return;
    }
    // A view not yet resolved has no show(preserveFocus): its focus command opens it, and the
    // editor takes the focus back once the page has loaded (its frame takes the focus as it loads).
    this.#focusEditorWhenReady = vscode.window.activeTextEditor !== undefined;
    await vscode.commands.executeCommand(`${PANEL_VIEW_ID}.focus`);
  }

  dispose(): void {
    this.#disposeView();
  }

  async #handle(message: FromWebview): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.#postNow();
        if (this.#focusEditorWhenReady) {
          this.#focusEditorWhenReady = false;
          await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
        }
        return;
      case 'sort':
        this.#model.sortBy(message.sort);
        this.#postNow();
        return;
      case 'page':
        this.#model.showPage(message.page);
        this.#postNow();
        return;
      case 'reveal':
        await reveal(message);
        return;
    }
  }

  /** Answers the user (or a reloaded page) at once; a live update pending behind it is dropped as older. */
  #postNow(): void {
    this.#scheduler.cancel();
    this.#post(this.#model.state());
  }

  #post(state: PanelState): void {
    const message: ToWebview = { type: 'state', state };
    void this.#view?.webview.postMessage(message);
  }

  #disposeView(): void {
    this.#scheduler.cancel();
    for (const disposable of this.#viewDisposables) disposable.dispose();
    this.#viewDisposables = [];
    this.#view = undefined;
  }
}

/** Opens the document and selects the position (1-based, as the protocol has it). */
async function reveal({ uri, line, column, preserveFocus }: Extract<FromWebview, { type: 'reveal' }>): Promise<void> {
  try {
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
    const position = new vscode.Position(line - 1, Math.max(0, column - 1));
    const selection = new vscode.Selection(position, position);
    await vscode.window.showTextDocument(document, { selection, preserveFocus });
  } catch (error) {
    void vscode.window.showWarningMessage(`cowlens: cannot open ${uri}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
