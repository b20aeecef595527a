import { types } from 'node:util';
import type { LocationId } from './figures/types.js';
import { isObject } from './is-object.js';
import { isProxy } from './is-proxy.js';
import { builtinArray } from './captured-intrinsics.js';
import { Object, Reflect } from './captured-namespaces.js';

/**
 * The package calls under way whose arguments were lent, the newest last, each with what it was
 * handed. `lent` and `lend` of one call come one after another at its location (a call's lending
 * runs before it, or in its arguments); the instrumenter tells when it returns (`returned`).
 */
export class OpenCalls {
  /** Per call, its location and where what it holds begins in `held`: flat arrays, so that a call in a hot loop allocates nothing. */
  private readonly locations: LocationId[] = [];
  private readonly starts: number[] = [];
  private readonly held: object[] = [];
  /** What each held thing is, told by the holder: asking a value (`instanceof`) would run a Proxy's traps. */
  private readonly kinds: number[] = [];

  /** `item`, of the holder's `kind`, is handed to the call at `location`, about to run. */
  hold(location: LocationId, item: object, kind: number): void {
    const calls = this.locations.length;
    if (calls === 0 || this.locations[calls - 1] !== location) {
      this.locations[calls] = location;
      this.starts[calls] = this.held.length;
    }
    this.kinds[this.held.length] = kind;
    this.held[this.held.length] = item;
  }

  /**
   * The call at `location` returned `value`: `close` gets each thing it held and whether the call
   * returned its value (not a thenable), after each thing the calls opened since held and `false`:
   * those never returned (they threw inside its arguments). A call not found was closed already.
   */
  returned(location: LocationId, value: unknown, close: Close): void {
    let i = this.locations.length - 1;
    while (i >= 0 && this.locations[i] !== location) i--;
    if (i < 0) return;
    const start = this.starts[i]!;
    const above = i + 1 < this.starts.length ? this.starts[i + 1]! : this.held.length;
    const returned = !isThenable(value);
    for (let k = this.held.length - 1; k >= start; k--) close(this.held[k]!, this.kinds[k]!, k < above && returned);
    this.held.length = start;
    this.kinds.length = start;
    this.locations.length = i;
    this.starts.length = i;
  }

  /** Where no code of the program runs: every call still open never returned. */
  closeAll(close: Close): void {
    for (let k = this.held.length - 1; k >= 0; k--) close(this.held[k]!, this.kinds[k]!, false);
    this.held.length = 0;
    this.kinds.length = 0;
    this.locations.length = 0;
    this.starts.length = 0;
  }
}

/**
 * Runs `settle` for each key of `map`, listed first (settling may delete it) and read by index:
 * the program may have replaced the array iterator.
 */
export function settleEach<K>(map: ReadonlyMap<K, unknown>, settle: (key: K) => void): void {
  if (map.size === 0) return;
  const keys: K[] = [];
  map.forEach((_, key) => builtinArray.push(keys, key));
  for (let i = 0; i < keys.length; i++) settle(keys[i]!);
}

/** Settles one thing a call held, of the kind it was held as. */
type Close = (item: object, kind: number, returned: boolean) => void;

/**
 * Whether `value` may be a promise, read without running any code of the program's: a native
 * promise, or an object whose `then` up its prototype chain is a function or a getter. A Proxy on
 * the way counts as one, since asking it would run its traps. An async package may write what it
 * was handed once it settles (an ORM setting `id` after a save).
 */
function isThenable(value: unknown): boolean {
  if (!isObject(value)) return false;
  if (types.isPromise(value)) return true;
  for (let o: object | null = value; o !== null; o = Reflect.getPrototypeOf(o)) {
    if (isProxy(o)) return true;
    const d = Reflect.getOwnPropertyDescriptor(o, 'then');
    if (d !== undefined) return !Object.hasOwn(d, 'value') || typeof d.value === 'function';
  }
  return false;
}
