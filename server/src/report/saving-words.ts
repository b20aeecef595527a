import type { RunMode } from '../runtime/api.js';

/**
 * The words before a saving: cow mode's bytes were really not copied; observe mode's are what
 * copy-on-write would have saved, since every copy was made as written. Editor, status bar and
 * CLI say it the same way.
 */
export function savingWords(mode: RunMode): 'saved' | 'would save' {
  return mode === 'cow' ? 'saved' : 'would save';
}
