/**
 * The markdown of hovers: on a copy site what it is, what it costs and what to do about it (with
 * its figures after a run), and on a copy point which copies its write forced.
 */
import { basename } from 'node:path';
import type { StaticSite } from '../analysis/scan-source.js';
import { formatBytes } from '../report/byte-units.js';
import { copyCountWords } from '../report/figure-words.js';
import { plural } from '../report/labels.js';
import type { LiveCopyPoint, LiveSite, RunMode } from './protocol.js';
import type { PlacedCopyPoint } from './run-figures.js';
import { SITE_ADVICE } from './site-advice.js';
import { staticLabel } from './site-labels.js';
import { pathOfUri } from './uris.js';

/** Copy points beyond this many are counted, not listed: the first are the largest. */
const SHOWN_COPY_POINTS = 8;

/** `[store.ts:42](file:///…#L42)`, a link the editor opens; uninstrumented code has no place. */
function placeLink(place: { readonly uri: string; readonly line: number }): string {
  const path = pathOfUri(place.uri);
  if (path === undefined || place.line === 0) return 'uninstrumented code';
  return `[${basename(path)}:${String(place.line)}](${place.uri}#L${String(place.line)})`;
}

function costText(site: StaticSite): string {
  return site.deep
    ? 'Deep copy: every execution duplicates the whole graph the value reaches.'
    : 'Shallow copy: every execution duplicates the top level (its properties or elements); what they point to stays shared.';
}

function runText(run: LiveSite, mode: RunMode): string[] {
  const perCopy = run.executions === 0 ? 0 : run.bytesCopied / run.executions;
  const written = run.executions === 0 ? 0 : Math.round((run.materialized / run.executions) * 100);
  const saved =
    run.bytesSaved >= 0
      ? `${mode === 'observe' ? 'copy-on-write would have saved' : 'sharing saved'} ${formatBytes(run.bytesSaved)}`
      : `the copy-on-write views cost ${formatBytes(-run.bytesSaved)} more than plain copies (written soon and fully)`;
  const [copies, materialized, ...eager] = copyCountWords(run);
  const lines = [
    `**Last run** (${mode} mode): ${[copies, `${materialized!} (${String(written)}%)`, ...eager].join(', ')}; ` +
      `copied ${formatBytes(run.bytesCopied)} (${formatBytes(perCopy)} per copy); ${saved}; at most ${plural(run.sharedMax, 'value')} shared one structure.`,
  ];
  if (run.eager > 0) lines.push('', eagerText(run.eager, mode));
  if (run.copyPoints.length > 0) {
    lines.push('', 'Copy points (the writes that forced a private copy):');
    for (const point of run.copyPoints.slice(0, SHOWN_COPY_POINTS)) lines.push(`- ${placeLink(point)} ×${String(point.count)}, ${formatBytes(point.bytes)}`);
    const hidden = run.copyPoints.length - SHOWN_COPY_POINTS;
    if (hidden > 0) lines.push(`- … and ${plural(hidden, 'more copy point')}`);
  }
  return lines;
}

export function siteHoverText(site: StaticSite, run: LiveSite | undefined, mode: RunMode | undefined): string {
  const lines = [`**${staticLabel(site.kind)}** \`${site.kind}\``, '', costText(site)];
  if (site.writtenAtOnce) lines.push('', 'It is built together with new properties or elements, so it is written at once: sharing cannot save anything here.');
  if (site.couldShare) {
    lines.push('', 'Could share (proved): the original is plain data that nothing writes and the copy is only read, so passing the original instead would change nothing and copy nothing.');
  }
  if (run !== undefined && mode !== undefined) lines.push('', ...runText(run, mode), ...evidenceText(run));
  lines.push('', `**What to do:** ${SITE_ADVICE[site.kind]}`);
  return lines.join('\n');
}

/** Why some copies saved nothing though none was written: cow mode makes them eagerly, and observe mode predicts it. */
function eagerText(eager: number, mode: RunMode): string {
  const which = eager === 1 ? 'copy was' : 'copies were';
  return mode === 'cow'
    ? `**Eager:** ${String(eager)} ${which} made at once, never shared: too small for a view to pay, or nothing a view stands for. They saved nothing.`
    : `**Eager:** copy-on-write would make ${plural(eager, 'copy', 'copies')} at once, never shared: too small for a view to pay, or nothing a view stands for. No saving is predicted for them.`;
}

/**
 * What one run suggests, said as such: a run sees one input, a proof covers them all. Writes to an
 * eager copy are not watched (it shares nothing), so a site with any says nothing here.
 */
function evidenceText(run: LiveSite): string[] {
  if (run.executions === 0 || run.materialized > 0 || run.eager > 0) return [];
  return [
    '',
    `**Evidence, not proof:** ${String(run.materialized)} of ${plural(run.executions, 'copy', 'copies')} ${run.executions === 1 ? 'was' : 'were'} written in the last run. ` +
      'Another input may write them: drop the copy only where the static analysis proves it could share.',
  ];
}

export function copyPointHoverText(points: readonly PlacedCopyPoint[]): string {
  const lines = ['**Copy point**: this write forced private copies of values shared from'];
  for (const { point, site } of points) lines.push(`- ${staticLabel(site.kind)} at ${placeLink(site)}: ${forced(point)}`);
  return lines.join('\n');
}

function forced(point: LiveCopyPoint): string {
  return `${plural(point.count, 'time')}, copying ${formatBytes(point.bytes)}`;
}
