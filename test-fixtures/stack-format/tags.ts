type Tags = readonly string[];

export function firstTag(tags: Tags): string {
  const copy = [...tags];
  if (copy.length === 0) throw new Error('no tags');
  return copy[0]!;
}
// An enum: Node cannot strip it, so cowlens compiles this module whatever the Node release.
export enum Order { First, Last }
