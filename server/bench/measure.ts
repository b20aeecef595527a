/**
 * Timing and heap measurement for the benchmarks. The machines are small and noisy, so every
 * contender of a scenario runs in the same process, interleaved round by round, and the median
 * round is reported; figures are compared as ratios, never against absolute targets.
 */
declare const gc: (() => void) | undefined;

export interface Contender {
  readonly name: string;
  /** One operation; its result goes to a sink read after the round, so nothing is optimised away. */
  readonly op: (i: number) => unknown;
}

export interface Timing {
  readonly name: string;
  /** Time of one operation, in microseconds: the median round (the best one for (g)'s whole runs, see scenarios/redux-store.ts). */
  readonly micros: number;
}

const ROUNDS = 7;

export function time(contenders: readonly Contender[], opsPerRound: (name: string) => number): Timing[] {
  const samples = new Map<string, number[]>(contenders.map((c) => [c.name, []]));
  for (let round = -1; round < ROUNDS; round++) {
    for (const c of round % 2 === 0 ? contenders : [...contenders].reverse()) {
      const n = opsPerRound(c.name);
      let sink: unknown;
      const start = process.hrtime.bigint();
      for (let i = 0; i < n; i++) sink = c.op(i);
      const micros = Number(process.hrtime.bigint() - start) / 1000 / n;
      if (sink === undefined) throw new Error(`${c.name} returned nothing`);
      if (round >= 0) samples.get(c.name)!.push(micros);
    }
  }
  return contenders.map((c) => ({ name: c.name, micros: median(samples.get(c.name)!) }));
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export function collectGarbage(): void {
  if (typeof gc !== 'function') throw new Error('run the benchmarks with node --expose-gc (npm run bench does)');
  for (let i = 0; i < 4; i++) gc();
}

/** Heap retained by what `build` returns, in bytes, measured after full collections. */
export function retainedHeap(build: () => unknown): number {
  collectGarbage();
  const before = process.memoryUsage().heapUsed;
  const kept = build();
  collectGarbage();
  const after = process.memoryUsage().heapUsed;
  if (kept === undefined) throw new Error('nothing was kept');
  return after - before;
}
