import { OwnSet } from './captured-intrinsics.js';

/**
 * Every way a JavaScript program copies a value that cowlens recognises, each its own kind so a
 * report can say which idiom a site uses. The instrumenter emits these names; reports carry them.
 */
export const COPY_KINDS = [
  'object-spread',
  'object-rest',
  'array-spread',
  'array-slice',
  'array-concat',
  'array-from',
  'object-assign',
  'object-assign-proto',
  'structured-clone',
  'json-roundtrip',
  'map-copy',
  'set-copy',
  'typed-array-copy',
  'buffer-copy',
  'lodash-clone',
  'lodash-clone-deep',
  'post-message',
] as const;

export type CopyKind = (typeof COPY_KINDS)[number];

/** Deep kinds copy the whole graph; the others copy one node and share its children (JS semantics). */
const DEEP: ReadonlySet<CopyKind> = new OwnSet<CopyKind>([
  'structured-clone',
  'json-roundtrip',
  'lodash-clone-deep',
  'post-message',
]);

export function isDeepKind(kind: CopyKind): boolean {
  return DEEP.has(kind);
}

export function isCopyKind(value: string): value is CopyKind {
  return (COPY_KINDS as readonly string[]).includes(value);
}
