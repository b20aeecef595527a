/**
 * A code lens above each site that has figures from a run, for clients that show no figures of
 * their own (Neovim, Helix). The lens has no action: its command is empty, which clients show as
 * plain text.
 */
import type { CodeLens } from 'vscode-languageserver/node';
import type { StaticSite } from '../analysis/scan-source.js';
import type { LiveSite } from './protocol.js';
import { compactFigures, staticLabel } from './site-labels.js';
import { rangeOfSite } from './site-ranges.js';

export function codeLensesOf(figures: ReadonlyMap<StaticSite, LiveSite>): CodeLens[] {
  return [...figures].map(([site, run]) => ({
    range: rangeOfSite(site),
    command: { title: `${staticLabel(site.kind)} ${compactFigures(run)}`, command: '' },
  }));
}
