/**
 * The choices a program is built from. The grammar asks for a choice among n alternatives; the
 * answer comes from a list of numbers that fast-check generates and shrinks. A number shrunk to 0
 * picks the first alternative, and a list shrunk shorter answers 0 from then on, so every
 * production lists its simplest alternative first: a shrunk list builds a simpler program, never
 * an invalid one (the builder, not the numbers, keeps the program well formed).
 */
export class Draw {
  private at = 0;

  constructor(private readonly numbers: readonly number[]) {}

  /** An integer in [0, n). */
  int(n: number): number {
    if (n <= 1) return 0;
    const value = this.numbers[this.at];
    this.at++;
    return value === undefined ? 0 : value % n;
  }

  /** True with about `percent` % probability; false once the numbers run out. */
  chance(percent: number): boolean {
    return this.int(100) >= 100 - percent;
  }

  pick<T>(options: readonly T[]): T {
    const value = options[this.int(options.length)];
    if (value === undefined) throw new Error('pick from no options');
    return value;
  }

  /** A weighted choice: `[weight, value]` pairs; a weight of 0 rules a value out. */
  weighted<T>(options: readonly (readonly [number, T])[]): T {
    const live = options.filter(([w]) => w > 0);
    const total = live.reduce((sum, [w]) => sum + w, 0);
    let n = this.int(total);
    for (const [w, value] of live) {
      if (n < w) return value;
      n -= w;
    }
    throw new Error('weighted choice from no options');
  }
}
