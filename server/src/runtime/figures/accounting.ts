import { Counters } from './counters.js';
import type { LocationId } from './types.js';

/**
 * What the copy machinery of either mode needs to record figures: the counters, and the location
 * of the instrumented write in progress (0 when none is: the write came from code that was not
 * instrumented).
 */
export class Accounting {
  readonly counters = new Counters();
  location: LocationId = 0;

  /**
   * @param minSharedBytes copies smaller than this are made eagerly in cow mode (a view would cost more).
   * @param overlayMinLength views of arrays at least this long keep element writes in an overlay instead of copying the array.
   */
  constructor(
    readonly minSharedBytes: number,
    readonly overlayMinLength: number,
  ) {}

  /** The location of the write in progress, consumed so that a later, uninstrumented write is not blamed on it. */
  takeLocation(): LocationId {
    const location = this.location;
    this.location = 0;
    return location;
  }
}
