import picocolors from 'picocolors';
import { formatBytes } from '../report/byte-units.js';
import { copyCountWords } from '../report/figure-words.js';
import { savingWords } from '../report/saving-words.js';
import { summarizeTotals } from '../report/summarize-totals.js';
import type { RunAggregate } from '../run/run-aggregate.js';
import type { RunMode } from '../runtime/api.js';

/**
 * One live line on stderr while the program runs, redrawn in place, and only on a terminal: in
 * CI logs a line per update would be noise.
 */
export class ProgressLine {
  private shown = false;

  constructor(
    private readonly stream: NodeJS.WriteStream,
    private readonly mode: RunMode,
  ) {}

  get enabled(): boolean {
    return this.stream.isTTY;
  }

  update(live: RunAggregate): void {
    if (!this.enabled) return;
    const t = summarizeTotals(live.sites(), []);
    const text = `cowlens ▸ ${String(t.sites)} sites · ${copyCountWords(t).join(' · ')} · copied ${formatBytes(t.bytesCopied)} · ${savingWords(this.mode)} ${formatBytes(t.bytesSaved)} · ${String(live.processes)} proc`;
    this.stream.write(`\r\x1b[K${picocolors.dim(text.slice(0, Math.max(20, (this.stream.columns || 80) - 1)))}`);
    this.shown = true;
  }

  clear(): void {
    if (!this.shown) return;
    this.stream.write('\r\x1b[K');
    this.shown = false;
  }
}
