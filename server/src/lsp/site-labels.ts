/** The short words the editor shows next to a copy site: what it is, and after a run what it cost. */
import { formatBytes } from '../report/byte-units.js';
import { savingWords } from '../report/saving-words.js';
import type { RunMode } from '../runtime/api.js';
import type { CopyKind } from '../runtime/copy-kinds.js';

const MARK = '⧉';

const KIND_WORDS: Readonly<Record<CopyKind, string>> = {
  'object-spread': 'spread',
  'object-rest': 'rest copy',
  'array-spread': 'spread',
  'array-slice': 'slice',
  'array-concat': 'concat',
  'array-from': 'Array.from',
  'object-assign': 'assign',
  'object-assign-proto': 'assign',
  'structured-clone': 'deep copy',
  'json-roundtrip': 'deep copy (JSON)',
  'map-copy': 'Map copy',
  'set-copy': 'Set copy',
  'typed-array-copy': 'typed array copy',
  'buffer-copy': 'Buffer copy',
  'lodash-clone': 'clone',
  'lodash-clone-deep': 'deep copy',
  'post-message': 'deep copy (postMessage)',
};

/** `⧉ spread`, `⧉ deep copy`: the label a site has before any run. */
export function staticLabel(kind: CopyKind): string {
  return `${MARK} ${KIND_WORDS[kind]}`;
}

/** `950`, `1.2k`, `48k`, `3.1M`: counts short enough for a line's end. */
export function formatCount(count: number): string {
  if (count < 1000) return String(count);
  const [value, unit] = count < 1e6 ? [count / 1e3, 'k'] : count < 1e9 ? [count / 1e6, 'M'] : [count / 1e9, 'G'];
  return `${value < 10 ? value.toFixed(1) : value.toFixed(0)}${unit}`;
}

export interface SiteFigureFields {
  readonly executions: number;
  readonly materialized: number;
  readonly bytesCopied: number;
  readonly bytesSaved: number;
  readonly sharedMax: number;
}

/**
 * `1.2k copies · 3 written · copied 1.0 MB · saved 48 MB · shared ×1000`; parts with nothing to say
 * are left out; an observe run's saving reads `would save`, as nothing was shared.
 */
export function compactFigures(site: SiteFigureFields, mode: RunMode): string {
  const parts = [`${formatCount(site.executions)} ${site.executions === 1 ? 'copy' : 'copies'}`, `${formatCount(site.materialized)} written`];
  if (site.bytesCopied > 0) parts.push(`copied ${formatBytes(site.bytesCopied)}`);
  if (site.bytesSaved > 0) parts.push(`${savingWords(mode)} ${formatBytes(site.bytesSaved)}`);
  // In cow mode views that were written soon cost more than they saved: say so rather than show a negative saving.
  if (site.bytesSaved < 0) parts.push(`views cost ${formatBytes(-site.bytesSaved)} more`);
  if (site.sharedMax > 1) parts.push(`shared ×${formatCount(site.sharedMax)}`);
  return parts.join(' · ');
}
