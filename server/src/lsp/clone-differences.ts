/**
 * Everything `structuredClone(x)` does differently from `JSON.parse(JSON.stringify(x))`, as the
 * differential test (`server/test/lsp/clone-differences.test.ts`) finds it over values of every
 * kind: each entry is a kind of value whose copy changes, and that test checks both ways that
 * this list is whole (no difference outside it) and exact (each entry makes a difference).
 * Values that hold none of these copy the same either way: getters (both read them once), class
 * instances without `toJSON` and objects without a prototype (both give plain objects of their
 * own enumerable properties), symbol keys and non-enumerable properties (both leave them out).
 */

export type CloneEffect = 'kept' | 'ignored' | 'copied' | 'throws';

export interface CloneDifference {
  /** The kind of value, as the quick fix's title names it. */
  readonly kind: string;
  /** What happens to it under `structuredClone`, where the JSON round trip changed it otherwise. */
  readonly effect: CloneEffect;
}

export const JSON_TO_STRUCTURED_CLONE: readonly CloneDifference[] = [
  // JSON turned these into strings, `{}`, `null` or plain numbers, or dropped them.
  { kind: 'Dates', effect: 'kept' },
  { kind: 'Maps', effect: 'kept' },
  { kind: 'Sets', effect: 'kept' },
  { kind: 'RegExps', effect: 'kept' },
  { kind: 'Errors', effect: 'kept' },
  { kind: 'typed arrays, ArrayBuffers and DataViews', effect: 'kept' },
  { kind: 'boxed primitives', effect: 'kept' },
  { kind: 'undefined', effect: 'kept' },
  { kind: 'NaN and ±Infinity', effect: 'kept' },
  { kind: '-0', effect: 'kept' },
  { kind: 'holes of sparse arrays', effect: 'kept' },
  { kind: 'named properties of arrays', effect: 'kept' },
  { kind: 'shared references', effect: 'kept' },
  // JSON called it; structuredClone copies the object's own properties instead.
  { kind: 'toJSON methods', effect: 'ignored' },
  // JSON threw a TypeError.
  { kind: 'BigInts', effect: 'copied' },
  { kind: 'cycles', effect: 'copied' },
  // JSON dropped them, made them null or `{}`; structuredClone throws a DataCloneError.
  { kind: 'functions', effect: 'throws' },
  { kind: 'symbols', effect: 'throws' },
  { kind: 'Proxies', effect: 'throws' },
  { kind: 'WeakMaps, WeakSets and Promises', effect: 'throws' },
];

const EFFECT_WORDS: Readonly<Record<CloneEffect, string>> = {
  kept: 'keeps',
  ignored: 'ignores',
  copied: 'copies',
  throws: 'throws on',
};

/** `keeps Dates, Maps …; ignores toJSON methods; copies BigInts, cycles; throws on functions …`. */
export function cloneDifferencesText(differences: readonly CloneDifference[] = JSON_TO_STRUCTURED_CLONE): string {
  const effects: CloneEffect[] = ['kept', 'ignored', 'copied', 'throws'];
  return effects
    .map((effect) => {
      const kinds = differences.filter((d) => d.effect === effect).map((d) => d.kind);
      return kinds.length === 0 ? undefined : `${EFFECT_WORDS[effect]} ${kinds.join(', ')}`;
    })
    .filter((part) => part !== undefined)
    .join('; ');
}
