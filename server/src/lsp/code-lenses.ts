/**
 * A code lens on the line of each site whose figures from a run go in a lens (see
 * `figure-placement.ts`), for clients that show no figures of their own (Neovim, Helix). The lens
 * has no action: its command is empty, which clients show as plain text.
 */
import type { CodeLens } from 'vscode-languageserver/node';
import type { StaticSite } from '../analysis/scan-source.js';
import type { LiveSite, RunMode } from './protocol.js';
import { siteFigureWords } from '../report/figure-words.js';
import { staticLabel } from './site-labels.js';
import { rangeOfSite } from './site-ranges.js';

/** `mode` is the run's whose figures these are. */
export function codeLensesOf(figures: ReadonlyMap<StaticSite, LiveSite>, mode: RunMode): CodeLens[] {
  return [...figures].map(([site, run]) => ({
    range: rangeOfSite(site),
    command: { title: `${staticLabel(site.kind)} ${siteFigureWords(run, mode, { bytesCopied: true })}`, command: '' },
  }));
}
