/**
 * What to do about each kind of copy, one or two sentences for a hover. Said once here so the
 * hover of every site of a kind gives the same advice.
 */
import type { CopyKind } from '../runtime/copy-kinds.js';

const SHALLOW_UPDATE =
  'If the copy is only read, pass the original instead. If it is copied to change a few fields, a copy-on-write library (Immer, Mutative, or cowlens `snapshot`) copies only what is written.';

export const SITE_ADVICE: Readonly<Record<CopyKind, string>> = {
  'object-spread': SHALLOW_UPDATE,
  'object-rest': 'The rest object is a new copy of the remaining properties. If you only read it, destructure the fields you need instead, or pass the original object.',
  'array-spread': `${SHALLOW_UPDATE} For "add one item" in a loop, build one array and push to it instead of spreading every time.`,
  'array-slice': 'A slice copies the whole range. If it is only read, pass the original array with start and end indices; to iterate, use a loop over the range.',
  'array-concat': 'concat copies both arrays into a new one. When one side is yours to change, push into it; in a loop, collect the parts and concat once at the end.',
  'array-from': 'Array.from copies every element. If you only iterate it, iterate the source directly; if you map it, the copy is the result and is fine.',
  'object-assign': 'Object.assign({}, x) is a shallow copy, like { ...x }. If it is only read, pass the original.',
  'object-assign-proto': 'Copying into Object.create(proto) keeps the prototype at the price of a full shallow copy; if the copy is only read, pass the original.',
  'structured-clone': 'A deep copy walks and duplicates the whole graph every time. If only part of it is changed, copy just that path ({ ...s, a: { ...s.a, b } }) or use a copy-on-write library.',
  'json-roundtrip':
    'A JSON round trip deep-copies through a string: it is slow and changes values (Dates become strings, Maps and undefined disappear). structuredClone is faster and keeps them; copying only the changed path is cheaper still.',
  'map-copy': 'new Map(m) copies every entry. If the copy is only read, share the original; to change a few keys of a large map often, consider a persistent map.',
  'set-copy': 'new Set(s) copies every element. If the copy is only read, share the original.',
  'typed-array-copy':
    'Made from an array, a typed array or an iterable, a typed array copies its elements (made over an ArrayBuffer, it views that memory and copies nothing). If the copy is only read, use subarray() (a view, no copy) or pass the original.',
  'buffer-copy':
    'Buffer.from copies the bytes of a buffer, an array or a typed array (given an ArrayBuffer, it views that memory and copies nothing). If the copy is only read, use subarray() (a view, no copy) or pass the original.',
  'lodash-clone': '_.clone is a shallow copy, like a spread. If it is only read, pass the original.',
  'lodash-clone-deep': 'A deep copy walks and duplicates the whole graph every time. If only part of it is changed, copy just that path, or use a copy-on-write library.',
  'post-message':
    'postMessage deep-copies the value for the other side (structured clone). Send only what the other side needs, or transfer ArrayBuffers in the transfer list instead of copying them.',
};
