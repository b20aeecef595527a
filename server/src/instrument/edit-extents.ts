/**
 * Where a module's edits are, each as the extent [start, end] of the node it belongs to, to tell
 * whether the text V8 quotes from a span of the original holds one.
 */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export class EditExtents {
  /** Sorted by start. */
  private readonly extents: readonly (readonly [number, number])[];

  constructor(extents: [number, number][]) {
    this.extents = extents.sort((a, b) => a[0] - b[0]);
  }

  /** Whether an edit lies within `span` and outside each of `hidden`, the parts of it that V8 does not print. */
  showIn(span: Span, hidden: readonly Span[] = []): boolean {
    const { extents } = this;
    let lo = 0;
    let hi = extents.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (extents[mid]![0] < span.start) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < extents.length && extents[i]![0] <= span.end; i++) {
      const [start, end] = extents[i]!;
      if (end <= span.end && !hidden.some((h) => h.start <= start && end <= h.end)) return true;
    }
    return false;
  }
}
