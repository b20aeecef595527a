import type { LocationId } from './figures/types.js';

/** What a held write's entry holds once its value passed and the write ran, until `settle` drops it. */
const RELEASED: unique symbol = Symbol('released');

/**
 * Past this many pending writes at one location, the oldest is told at once and dropped: a throw
 * in a value leaves its entry behind, and a loop whose value throws must not pile them up.
 */
const MOST_HELD = 32;

/**
 * The objects of writes that cannot read them again once their value is evaluated (`getO().k =
 * v`, `a[i++].k = v`, `o.p.q += f()`): the instrumenter passes the object through `hold` where the
 * program evaluates it, and the value (or the computed key) through `release`, after which the
 * write runs, so that the barrier sees it after whatever the value did (a copy of the object
 * included) and right before the write.
 *
 * No syntax is added around the write, so nothing tells the runtime which of a location's
 * entries is the write's own: a write whose value threw left its entry behind (a logical
 * assignment that does not evaluate its value drops its own through `settle`), and one nested in
 * the value of another at the same location (recursion) may have. `release` therefore tells the
 * barrier of every entry of its location (one, unless writes there nest or threw), which keeps
 * every write behind its barrier: one told before its time is told again at its own release, and
 * one whose value threw is told for nothing, an image made that no write needed, until the
 * runtime forgets every entry between two jobs of the program's (at each flush). A value that
 * awaits or yields never holds its object here (other calls would run between hold and release):
 * the instrumenter carries it in a variable (instrument/carried-targets.ts).
 *
 * Each location's entries are an array read and written by index: the program may have replaced
 * the array methods a stack would call.
 */
export class HeldWrites {
  /** By location, its pending writes' objects, the newest last, in the first `depths[location]` slots. */
  private readonly held: unknown[][] = [];
  private readonly depths: number[] = [];

  constructor(private readonly tell: (target: unknown, location: LocationId) => void) {}

  hold(target: unknown, location: LocationId): void {
    let entries = this.held[location];
    if (entries === undefined) {
      this.held[location] = entries = [];
      this.depths[location] = 0;
    }
    let depth = this.depths[location]!;
    if (depth === MOST_HELD) depth = this.dropOldest(entries, location);
    entries[depth] = target;
    this.depths[location] = depth + 1;
  }

  /**
   * The value of a write held at `location` passed: tells the barrier of the location's entries and
   * drops the newest, or, when `settles`, leaves it released for `settle`, which drops it whether
   * or not the value was evaluated (a logical assignment).
   */
  release(location: LocationId, settles: boolean): void {
    const entries = this.held[location];
    const depth = this.depths[location];
    if (entries === undefined || depth === undefined || depth === 0) return;
    // The newest last: telling a view sets where a write through its traps is counted.
    for (let i = 0; i < depth; i++) {
      if (entries[i] !== RELEASED) this.tell(entries[i], location);
    }
    if (settles) entries[depth - 1] = RELEASED;
    else this.drop(entries, location, depth);
  }

  settle(location: LocationId): void {
    const entries = this.held[location];
    const depth = this.depths[location];
    if (entries !== undefined && depth !== undefined && depth > 0) this.drop(entries, location, depth);
  }

  /** Forgets every entry: called where no write is running, when all are left by values that threw. */
  forget(): void {
    this.held.length = 0;
    this.depths.length = 0;
  }

  private drop(entries: unknown[], location: LocationId, depth: number): void {
    entries[depth - 1] = undefined;
    this.depths[location] = depth - 1;
  }

  /** Tells the barrier of the location's oldest entry, as if its write came now, and forgets it: the new depth. */
  private dropOldest(entries: unknown[], location: LocationId): number {
    if (entries[0] !== RELEASED) this.tell(entries[0], location);
    for (let i = 1; i < MOST_HELD; i++) entries[i - 1] = entries[i];
    return MOST_HELD - 1;
  }
}
