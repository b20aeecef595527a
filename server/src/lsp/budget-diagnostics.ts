/**
 * Warnings from a finished run, on the sites they concern: a site that copied more than the
 * per-site budget, and (when the settings ask for it) each hazard cow mode met.
 */
import { type Diagnostic, DiagnosticSeverity, type Range } from 'vscode-languageserver/node';
import type { StaticSite } from '../analysis/scan-source.js';
import { formatBytes } from '../report/byte-units.js';
import { copyCountWords } from '../report/figure-words.js';
import { plural } from '../report/labels.js';
import type { CowlensSettings } from './protocol.js';
import type { RunFigures } from './run-figures.js';
import { staticLabel } from './site-labels.js';
import { rangeOfSite } from './site-ranges.js';

export const DIAGNOSTIC_SOURCE = 'cowlens';

export interface DiagnosticPlaces {
  /** The copy sites of a file as it is now (open or on disk); none when it cannot be read. */
  sitesOf(path: string): readonly StaticSite[];
  /** The URI to publish a file's diagnostics under: the client's own for an open document. */
  uriOf(path: string): string;
}

/** The site's whole expression when the scan finds a site there, else the bare position. */
function rangeAt(sites: readonly StaticSite[], line: number, column: number): Range {
  const site = sites.find((s) => s.line === line && s.column === column);
  if (site !== undefined) return rangeOfSite(site);
  const at = { line: Math.max(0, line - 1), character: Math.max(0, column - 1) };
  return { start: at, end: at };
}

/**
 * Diagnostics by URI for every file of the run that has any (or for the files of `paths`), at the
 * places its sites and hazards are now: the documents may have been edited since the run loaded them.
 */
export function budgetDiagnostics(figures: RunFigures, settings: CowlensSettings, places: DiagnosticPlaces, paths: Iterable<string> = figures.paths()): Map<string, Diagnostic[]> {
  const byUri = new Map<string, Diagnostic[]>();
  const add = (path: string, line: number, column: number, diagnostic: Omit<Diagnostic, 'range'>): void => {
    const uri = places.uriOf(path);
    const list = byUri.get(uri) ?? [];
    list.push({ ...diagnostic, range: rangeAt(places.sitesOf(path), line, column) });
    byUri.set(uri, list);
  };
  const budget = settings.budgets.maxBytesCopiedPerSite;
  for (const path of paths) {
    if (budget > 0) {
      for (const { site, line, column } of figures.sitesIn(path)) {
        if (site.bytesCopied <= budget) continue;
        add(path, line, column, {
          severity: DiagnosticSeverity.Warning,
          source: DIAGNOSTIC_SOURCE,
          code: 'copy-budget',
          message:
            `${staticLabel(site.kind)}: this site copied ${formatBytes(site.bytesCopied)} in the last run (${copyCountWords(site).join(', ')}), ` +
            `more than the budget of ${formatBytes(budget)} per site (cowlens.budgets.maxBytesCopiedPerSite).`,
        });
      }
    }
    if (settings.budgets.hazardsAsDiagnostics) {
      for (const { hazard, line, column } of figures.hazardsIn(path)) {
        add(path, line, column, {
          severity: DiagnosticSeverity.Warning,
          source: DIAGNOSTIC_SOURCE,
          code: hazard.kind,
          message: `cowlens hazard (${plural(hazard.count, 'time')}): ${hazard.message}`,
        });
      }
    }
  }
  return byUri;
}
