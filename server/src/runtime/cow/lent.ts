import { OwnWeakSet } from '../captured-intrinsics.js';

/**
 * Values handed to code that may write them where no write barrier sees it: a package (which may
 * keep what it is handed and write it later), or a Proxy the program makes (V8 writes its target
 * itself for every trap the handler lacks). Views made before the hand-over got their images then;
 * a copy made of such a value afterwards, alone or inside a deep copy, is made eagerly.
 */
const lent = new OwnWeakSet<object>();

export function markLent(value: object): void {
  lent.add(value);
}

export function isLent(value: object): boolean {
  return lent.has(value);
}
