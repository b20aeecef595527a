import type { RunMode } from '../api.js';
import type { Counters } from './counters.js';
import type { Registry } from './registry.js';
import type { FigureBatch } from './types.js';

export type Sink = (batch: FigureBatch) => void;

/**
 * Sends the figures that changed to a sink in batches, on a timer that never keeps the process
 * alive; its owner sends the last batch (`flush(true)`) when the process exits.
 */
export class BatchFlusher {
  private sink: Sink | undefined;
  private timer: NodeJS.Timeout | undefined;

  /** `betweenJobs` runs at each interval, where no code of the program is running. */
  constructor(
    private readonly mode: RunMode,
    private readonly registry: Registry,
    private readonly counters: Counters,
    private readonly betweenJobs: () => void = () => undefined,
  ) {}

  connect(sink: Sink, intervalMs: number): void {
    this.sink = sink;
    clearInterval(this.timer);
    this.timer = setInterval(() => {
      this.betweenJobs();
      this.flush(false);
    }, intervalMs);
    this.timer.unref();
  }

  disconnect(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.sink = undefined;
  }

  flush(final: boolean): void {
    const sink = this.sink;
    if (!sink) return;
    const { sites, locations } = this.registry.takeNew();
    const { figures, hazards } = this.counters.takeDirty();
    if (!final && sites.length === 0 && locations.length === 0 && figures.length === 0 && hazards.length === 0) return;
    sink({ pid: process.pid, mode: this.mode, sites, locations, figures, hazards, final });
  }
}
