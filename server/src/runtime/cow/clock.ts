/**
 * Logical time of cow mode. Each view is created at a new tick (its epoch) and sees the values it
 * shares as they were at that tick, however they change afterwards.
 */
let now = 0;

export function tick(): number {
  return ++now;
}

export function currentTick(): number {
  return now;
}
