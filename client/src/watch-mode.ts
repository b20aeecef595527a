import * as vscode from 'vscode';
import { LANGUAGES } from './languages.js';

/** Saves come in bursts (Save All, format on save): one re-run after the burst. */
const DEBOUNCE_MS = 300;

/** With `cowlens.watch` on, saving a JS/TS file runs the last run target again. */
export function watchSaves(enabled: () => boolean, rerun: () => void): vscode.Disposable {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const subscription = vscode.workspace.onDidSaveTextDocument((document) => {
    if (!enabled() || document.uri.scheme !== 'file' || !LANGUAGES.includes(document.languageId)) return;
    clearTimeout(timer);
    timer = setTimeout(rerun, DEBOUNCE_MS);
  });
  return new vscode.Disposable(() => {
    clearTimeout(timer);
    subscription.dispose();
  });
}
