import type { Range } from 'vscode-languageserver/node';
import type { StaticSite } from '../analysis/scan-source.js';

/** The LSP range (0-based) of a site's copy expression. */
export function rangeOfSite(site: StaticSite): Range {
  return { start: { line: site.line - 1, character: site.column - 1 }, end: { line: site.endLine - 1, character: site.endColumn - 1 } };
}

/** Whether two ranges share a position; touching ends count, so a cursor at a site's edge finds it. */
export function rangesTouch(a: Range, b: Range): boolean {
  const beforeOrAt = (x: Range['start'], y: Range['start']): boolean => x.line < y.line || (x.line === y.line && x.character <= y.character);
  return beforeOrAt(a.start, b.end) && beforeOrAt(b.start, a.end);
}
