import type { RunFiguresParams, RunMode } from '@cowlens/server/protocol';
import * as vscode from 'vscode';
import { copyCountWords } from '@cowlens/server/figure-words';
import { formatBytes } from '@cowlens/server/units';
import { savingWords } from '@cowlens/server/saving-words';
import { statusText } from './status-text.js';

/**
 * The status bar item: mode, whether a run is going, its totals (format in status-text.ts); a click
 * shows the report. Its DOM id is the extension id and the item id: `cowlens.cowlens.status`.
 */
export class StatusBar implements vscode.Disposable {
  readonly #item = vscode.window.createStatusBarItem('status', vscode.StatusBarAlignment.Left, 0);

  constructor() {
    this.#item.name = 'cowlens';
    this.#item.command = 'cowlens.showReport';
  }

  update(configuredMode: RunMode, run: RunFiguresParams | undefined): void {
    this.#item.text = statusText({ mode: run?.mode ?? configuredMode, ...(run ? { run } : {}) });
    this.#item.tooltip = run ? runTooltip(run) : 'cowlens: no run yet. Run a file, the entry or the tests from the command palette.';
    this.#item.show();
  }

  dispose(): void {
    this.#item.dispose();
  }
}

function runTooltip(run: RunFiguresParams): vscode.MarkdownString {
  const lines = [
    `**cowlens** ${run.mode} run: \`${run.command.join(' ')}\``,
    `${run.state === 'running' ? 'running for' : 'ran'} ${(run.elapsedMs / 1000).toFixed(1)} s · ${String(run.totals.sites)} sites · ${copyCountWords(run.totals).join(' · ')}`,
    `copied ${formatBytes(run.totals.bytesCopied)} · ${savingWords(run.mode)} ${formatBytes(run.totals.bytesSaved)}${run.totals.hazards > 0 ? ` · ${String(run.totals.hazards)} hazards` : ''}`,
  ];
  if (run.state === 'finished') {
    lines.push(`exit code ${run.exitCode === null || run.exitCode === undefined ? 'none (killed or never started)' : String(run.exitCode)}`);
    if (run.complete === false) lines.push(`incomplete: ${(run.incomplete ?? []).join('; ')}`);
  }
  lines.push('Click to show the report.');
  const tooltip = new vscode.MarkdownString(lines.join('\n\n'));
  tooltip.isTrusted = false;
  return tooltip;
}
