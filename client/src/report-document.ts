import { ReportRequest, type ReportFormat } from '@cowlens/server/protocol';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

const SCHEME = 'cowlens-report';
/** The read-only text report: one virtual document, refreshed when a run finishes. */
export const REPORT_URI = vscode.Uri.from({ scheme: SCHEME, path: '/cowlens report.txt' });

const NO_REPORT = 'cowlens: no run has finished yet. Run a file, the entry or the tests first.';

/** Serves the text report under the `cowlens-report:` scheme, fetched from the server. */
export class ReportDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  readonly #changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.#changed.event;
  readonly #registration: vscode.Disposable;
  #text = NO_REPORT;

  constructor(private readonly server: () => Promise<LanguageClient>) {
    this.#registration = vscode.workspace.registerTextDocumentContentProvider(SCHEME, this);
  }

  provideTextDocumentContent(): string {
    return this.#text;
  }

  /** Fetches the report again; an open report tab then shows the latest run. */
  async refresh(): Promise<string | null> {
    const text = await (await this.server()).sendRequest(ReportRequest, { format: 'text' });
    this.#text = text ?? NO_REPORT;
    this.#changed.fire(REPORT_URI);
    return text;
  }

  async show(): Promise<void> {
    if ((await this.refresh()) === null) {
      void vscode.window.showInformationMessage(NO_REPORT);
      return;
    }
    const document = await vscode.workspace.openTextDocument(REPORT_URI);
    await vscode.window.showTextDocument(document, { preview: false });
  }

  dispose(): void {
    this.#registration.dispose();
    this.#changed.dispose();
  }
}

const EXPORTS: readonly { readonly format: ReportFormat; readonly extension: string; readonly description: string }[] = [
  { format: 'json', extension: 'json', description: 'the full report, as CI and `cowlens merge` read it' },
  { format: 'sarif', extension: 'sarif', description: 'SARIF 2.1.0, for code scanning' },
  { format: 'markdown', extension: 'md', description: 'for a pull request or a CI job summary' },
];

/** What `cowlens.exportReport` may be given instead of asking (scripts, tests): a format and a file uri. */
export interface ExportArgs {
  readonly format?: ReportFormat;
  readonly uri?: string;
}

/** Asks for a format and a file, writes the last run's report there; resolves to the file, or undefined when cancelled. */
export async function exportReport(server: () => Promise<LanguageClient>, args: ExportArgs = {}): Promise<vscode.Uri | undefined> {
  const choice =
    EXPORTS.find((e) => e.format === args.format) ??
    (await vscode.window.showQuickPick(
      EXPORTS.map((e) => ({ label: e.format, description: e.description, entry: e })),
      { title: 'cowlens: export the report as' },
    ))?.entry;
  if (!choice) return undefined;
  const text = await (await server()).sendRequest(ReportRequest, { format: choice.format });
  if (text === null) {
    void vscode.window.showInformationMessage(NO_REPORT);
    return undefined;
  }
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const target =
    args.uri !== undefined
      ? vscode.Uri.parse(args.uri)
      : await vscode.window.showSaveDialog({
          title: 'cowlens: export the report',
          ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, `cowlens.${choice.extension}`) } : {}),
          filters: { [choice.format]: [choice.extension] },
        });
  if (!target) return undefined;
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
  void vscode.window.showInformationMessage(`cowlens: report written to ${vscode.workspace.asRelativePath(target)}`);
  return target;
}
