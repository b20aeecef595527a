/** Quick fixes for the copy sites in a range: each site that has a better form gets one. */
import { type CodeAction, CodeActionKind, type Range } from 'vscode-languageserver/node';
import type { AnalyzedDocument } from './document-sites.js';
import { betterFormOf } from './better-forms.js';
import { rangeOfSite, rangesTouch } from './site-ranges.js';

export function codeActionsOf(uri: string, analyzed: AnalyzedDocument, range: Range): CodeAction[] {
  const { sourceFile, questions } = analyzed;
  if (sourceFile === undefined || questions === undefined) return [];
  return analyzed.sites.flatMap((site) => {
    if (!rangesTouch(rangeOfSite(site), range)) return [];
    const form = betterFormOf(sourceFile, site, questions);
    if (form === undefined) return [];
    return [{ title: form.title, kind: CodeActionKind.QuickFix, isPreferred: form.preferred, edit: { changes: { [uri]: [{ range: form.range, newText: form.newText }] } } }];
  });
}
