import { OwnWeakSet } from '../captured-intrinsics.js';
import { privateStamp } from '../private-stamp.js';

/**
 * Values handed to code that may write them where no write barrier sees it: a package (which may
 * keep what it is handed and write it later), or a Proxy the program makes (V8 writes its target
 * itself for every trap the handler lacks). Views made before the hand-over got their images then;
 * a copy made of such a value afterwards, alone or inside a deep copy, is made eagerly.
 */
const lent = new OwnWeakSet<object>();

/**
 * Values held by package calls that have not returned yet, with how many such calls hold each
 * (a stamp, where a Map's entry made and dropped at each call would cost more than the call): lent
 * for as long as the call runs, and for good only if the package is seen to write what it was
 * handed (see cow/lendings.ts).
 */
const onLoan = privateStamp<number>();
let loans = 0;

export function markLent(value: object): void {
  lent.add(value);
}

export function isLent(value: object): boolean {
  return lent.has(value) || (loans > 0 && (onLoan.get(value) ?? 0) > 0);
}

/** `value` is handed to a package call that is running. */
export function loan(value: object): void {
  onLoan.set(value, (onLoan.get(value) ?? 0) + 1);
  loans++;
}

/** A package call that held `value` returned. */
export function endLoan(value: object): void {
  onLoan.set(value, onLoan.get(value)! - 1);
  loans--;
}
