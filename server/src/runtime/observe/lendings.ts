import type { LocationId } from '../figures/types.js';
import { childObjects } from '../child-objects.js';
import { builtinArray, OwnMap, OwnSet } from '../captured-intrinsics.js';
import { dataFingerprint } from '../cow/fingerprint.js';
import { OpenCalls, settleEach } from '../lending-calls.js';
import { privateStamp } from '../private-stamp.js';
import type { Observer } from './observer.js';

/** What a call holds (see OpenCalls): a value it was handed, or a node that value reached. */
const HELD_VALUE = 0;
const HELD_NODE = 1;

/** A node the observer watches, reached by a value lent to a package, with its digest then: cow mode's provisional image. */
class Watched {
  told = false;

  constructor(
    readonly node: object,
    readonly print: number,
    readonly location: LocationId,
  ) {}
}

/**
 * Observe mode's half of checked lending (cow/lendings.ts), so that it predicts what cow mode
 * does: a package call writes only what it changed. Lending a value the observer watches takes
 * the digests of the watched nodes it reaches, once per copy made since (cow mode walks a value
 * once per time it is shared). Where cow mode settles its images, they are compared, and each
 * node that changed is told to the observer as written: when the call that took them returns (all
 * of them if it returned a thenable, or never returned), and when the value is lent anew after a
 * copy, between jobs and at exit.
 */
export class ObservedLendings {
  private readonly calls = new OpenCalls();
  /** By lent value: the watched nodes it reached, until they are compared. */
  private readonly pending = new OwnMap<object, Watched[]>();
  /** By lent value: the observer's copy count when it was walked. */
  private readonly walkedAt = privateStamp<number>();

  constructor(private readonly observer: Observer) {}

  lend(value: object, location: LocationId): void {
    this.calls.hold(location, value, HELD_VALUE);
    if (!this.observer.watches(value) || this.walkedAt.get(value) === this.observer.copies) return;
    this.settleValue(value);
    this.walkedAt.set(value, this.observer.copies);
    const reached: Watched[] = [];
    const seen = new OwnSet<object>();
    const stack: object[] = [value];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (seen.has(node) || !this.observer.watches(node)) continue;
      seen.add(node);
      const entry = new Watched(node, dataFingerprint(node), location);
      builtinArray.push(reached, entry);
      this.calls.hold(location, entry, HELD_NODE);
      // By index: the program may have replaced the array iterator and `push`.
      const children = childObjects(node);
      for (let i = 0; i < children.length; i++) builtinArray.push(stack, children[i]!);
    }
    this.pending.set(value, reached);
  }

  returned(value: unknown, location: LocationId): void {
    this.calls.returned(location, value, this.close);
  }

  /** Where no code of the program runs (between jobs, at exit). */
  settleAll(): void {
    this.calls.closeAll(this.close);
    settleEach(this.pending, (value) => {
      this.settleValue(value);
    });
  }

  private readonly close = (held: object, kind: number, returned: boolean): void => {
    if (kind === HELD_NODE) this.settle(held as Watched, !returned);
    else if (!returned) {
      const reached = this.pending.get(held);
      if (reached !== undefined) for (let i = 0; i < reached.length; i++) this.settle(reached[i]!, true);
    }
  };

  /** Tells the observer of each node `value` reached that changed since. */
  private settleValue(value: object): void {
    const reached = this.pending.get(value);
    if (reached === undefined) return;
    this.pending.delete(value);
    this.walkedAt.set(value, -1);
    for (let i = 0; i < reached.length; i++) this.settle(reached[i]!, false);
  }

  private settle(entry: Watched, wrote: boolean): void {
    if (entry.told || (!wrote && dataFingerprint(entry.node) === entry.print)) return;
    entry.told = true;
    this.observer.written(entry.node, entry.location);
  }
}
