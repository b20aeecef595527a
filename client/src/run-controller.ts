import { ClearFiguresRequest, StartRunRequest, StopRunRequest, type RunTarget, type StartRunResult } from '@cowlens/server/protocol';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

export const UNTRUSTED_MESSAGE =
  'cowlens: running code is disabled in an untrusted workspace. Trust the workspace to run it; the copy sites are still found without running anything.';

/**
 * Starts and stops runs on the server and remembers the last target (watch mode runs it again).
 * Every failure ends in a message to the user, never in an unhandled rejection.
 */
export class RunController {
  #lastTarget: RunTarget | undefined;

  constructor(
    private readonly server: () => Promise<LanguageClient>,
    private readonly output: vscode.OutputChannel,
    private readonly onStarted: (result: StartRunResult) => void,
  ) {}

  get lastTarget(): RunTarget | undefined {
    return this.#lastTarget;
  }

  async start(target: RunTarget): Promise<void> {
    // Commands are disabled in untrusted workspaces, but a keybinding or another extension may still call them.
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showWarningMessage(UNTRUSTED_MESSAGE);
      return;
    }
    this.#lastTarget = target;
    const folder = target.kind === 'file' ? vscode.workspace.getWorkspaceFolder(vscode.Uri.parse(target.uri)) : activeFolder();
    try {
      const client = await this.server();
      const result = await client.sendRequest(StartRunRequest, { target, ...(folder ? { folderUri: folder.uri.toString() } : {}) });
      this.output.appendLine(`[cowlens] run ${String(result.runId)} (${result.mode}): ${result.command.join(' ')}`);
      this.onStarted(result);
    } catch (error) {
      void vscode.window.showErrorMessage(`cowlens: the run did not start: ${messageOf(error)}`);
    }
  }

  async stop(): Promise<void> {
    await this.#request('stop the run', async (client) => {
      if (!(await client.sendRequest(StopRunRequest))) void vscode.window.showInformationMessage('cowlens: no run is going.');
    });
  }

  async clear(): Promise<void> {
    await this.#request('clear the figures', (client) => client.sendRequest(ClearFiguresRequest));
  }

  async #request(what: string, send: (client: LanguageClient) => Promise<unknown>): Promise<void> {
    try {
      await send(await this.server());
    } catch (error) {
      void vscode.window.showErrorMessage(`cowlens: could not ${what}: ${messageOf(error)}`);
    }
  }
}

/** The folder of the active editor's file, else the first one: where `Run entry` and `Run tests` run. */
function activeFolder(): vscode.WorkspaceFolder | undefined {
  const active = vscode.window.activeTextEditor?.document.uri;
  return (active && vscode.workspace.getWorkspaceFolder(active)) ?? vscode.workspace.workspaceFolders?.[0];
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
