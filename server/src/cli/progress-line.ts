import picocolors from 'picocolors';
import { formatBytes } from '../report/byte-units.js';
import type { RunAggregate } from '../run/run-aggregate.js';

/**
 * One live line on stderr while the program runs, redrawn in place, and only on a terminal: in
 * CI logs a line per update would be noise.
 */
export class ProgressLine {
  private shown = false;

  constructor(private readonly stream: NodeJS.WriteStream) {}

  get enabled(): boolean {
    return this.stream.isTTY;
  }

  update(live: RunAggregate): void {
    if (!this.enabled) return;
    let executions = 0;
    let materialized = 0;
    let saved = 0;
    let copied = 0;
    const sites = live.sites();
    for (const s of sites) {
      executions += s.executions;
      materialized += s.materialized;
      saved += s.bytesSaved;
      copied += s.bytesCopied;
    }
    const text = `cowlens ▸ ${String(sites.length)} sites · ${String(executions)} copies · ${String(materialized)} written · copied ${formatBytes(copied)} · saved ${formatBytes(saved)} · ${String(live.processes)} proc`;
    this.stream.write(`\r\x1b[K${picocolors.dim(text.slice(0, Math.max(20, (this.stream.columns || 80) - 1)))}`);
    this.shown = true;
  }

  clear(): void {
    if (!this.shown) return;
    this.stream.write('\r\x1b[K');
    this.shown = false;
  }
}
