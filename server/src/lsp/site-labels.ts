/** The short words the editor shows next to a copy site before any run: what it is (its figures' words are in report/figure-words.ts). */
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
