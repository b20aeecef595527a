/**
 * Sums of figures that a report can carry exactly. JSON numbers are doubles: past 2^53 − 1 a sum
 * loses its last digits, and past 1.8e308 it becomes Infinity, which JSON writes as `null`. The
 * schema bounds every integer of a report by `MAX_REPORT_INTEGER`, and a sum that leaves the range
 * is refused, never rounded or written as `null`.
 */
export const MAX_REPORT_INTEGER = Number.MAX_SAFE_INTEGER;

/** A sum of figures that no report can carry exactly; the message names the figure. */
export class FigureOverflowError extends Error {}

/** `a + b` when a report can carry it exactly; otherwise an error that names the figure (`what`). */
export function exactSum(a: number, b: number, what: () => string): number {
  const sum = a + b;
  if (!Number.isSafeInteger(sum)) {
    throw new FigureOverflowError(`${what()} add up to ${String(sum)}, beyond ±${String(MAX_REPORT_INTEGER)}, the largest whole number a report carries exactly`);
  }
  return sum;
}
