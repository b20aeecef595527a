import { randomBytes } from 'node:crypto';

/** A fresh nonce per page: 128 random bits in hex, which no CSP source list misreads. */
export function makeNonce(): string {
  return randomBytes(16).toString('hex');
}
