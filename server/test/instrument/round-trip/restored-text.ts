/**
 * Text assembled from pieces of an instrumented file and from text the un-instrumenter writes,
 * remembering where each piece came from, so that a difference found in the restored file can be
 * shown in the instrumented one too (a minified file is one long line: a line number says little).
 */
export class RestoredText {
  private readonly parts: string[] = [];
  private size = 0;
  /** Triples [restored offset, output offset, length]: a run copied verbatim, or written for the runtime call at that output offset (length 0). */
  private readonly anchors: number[] = [];

  constructor(private readonly output: string) {}

  get length(): number {
    return this.size;
  }

  /** Copies [from, to) of the instrumented text as it is. */
  copy(from: number, to: number): this {
    if (to <= from) return this;
    this.anchors.push(this.size, from, to - from);
    this.push(this.output.slice(from, to));
    return this;
  }

  /** Writes text of the un-instrumenter's own, standing for the output at `at`. */
  write(text: string, at: number): this {
    if (text === '') return this;
    this.anchors.push(this.size, at, 0);
    this.push(text);
    return this;
  }

  append(other: RestoredText): this {
    for (let i = 0; i < other.anchors.length; i += 3) this.anchors.push(other.anchors[i]! + this.size, other.anchors[i + 1]!, other.anchors[i + 2]!);
    this.push(other.toString());
    return this;
  }

  toString(): string {
    if (this.parts.length > 1) this.parts.splice(0, this.parts.length, this.parts.join(''));
    return this.parts[0] ?? '';
  }

  /**
   * Where the restored offset came from in the output: exact inside a verbatim run; for written
   * text the start of the runtime call it replaces, with `verbatim` false.
   */
  toOutput(offset: number): { readonly offset: number; readonly verbatim: boolean } | undefined {
    let lo = 0;
    let hi = this.anchors.length / 3 - 1;
    if (hi < 0 || offset < this.anchors[0]!) return undefined;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.anchors[mid * 3]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    const [start, at, length] = [this.anchors[lo * 3]!, this.anchors[lo * 3 + 1]!, this.anchors[lo * 3 + 2]!];
    return offset - start < length ? { offset: at + offset - start, verbatim: true } : { offset: at, verbatim: false };
  }

  private push(text: string): void {
    this.parts.push(text);
    this.size += text.length;
  }
}
