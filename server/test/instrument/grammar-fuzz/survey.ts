/**
 * Survey mode (COWLENS_GRAMMAR_SURVEY=1): instead of stopping at the first divergence and
 * shrinking it, a run goes on, sorts the divergences into rough classes (error messages, errors
 * thrown by one side only, values, layout), and prints the smallest program of each class. For
 * finding what is broken while the first failure is already known; not for CI.
 */
import type { Difference, Divergence } from './differential.js';

interface Sample {
  count: number;
  smallest: Divergence;
}

/** `'threw TypeError: …'` and `'caught' 'TypeError' '…'` lines: the error's name. */
function errorName(line: string | undefined): string | undefined {
  if (line === undefined) return undefined;
  // util.inspect quotes with " when the text holds a '.
  const thrown = /^["']threw (\w+)/.exec(line) ?? /^'caught' ["'](\w+)["']/.exec(line);
  return thrown?.[1];
}

function kind(d: Difference): string {
  const plain = errorName(d.plain);
  const other = errorName(d.instrumented);
  if (plain !== undefined && other !== undefined) return plain === other ? `message of ${plain}` : `${other} instead of ${plain}`;
  if (other !== undefined) return `throws ${other} where plain does not`;
  if (plain !== undefined) return `does not throw ${plain}`;
  const flat = (s: string | undefined): string => (s ?? '').replace(/\s+/g, ' ');
  return flat(d.plain) === flat(d.instrumented) ? 'layout of a printed value' : d.instrumented === undefined || d.plain === undefined ? 'lines missing' : 'printed value';
}

export class Survey {
  private readonly classes = new Map<string, Sample>();

  add(divergence: Divergence): void {
    const key = divergence.differences.map((d) => `${d.mode}: ${kind(d)}`).join(' & ');
    const sample = this.classes.get(key);
    if (!sample) this.classes.set(key, { count: 1, smallest: divergence });
    else {
      sample.count++;
      if (divergence.program.source.length < sample.smallest.program.source.length) sample.smallest = divergence;
    }
  }

  get size(): number {
    return this.classes.size;
  }

  summary(): string {
    const out: string[] = [];
    for (const [key, { count, smallest }] of [...this.classes].sort((a, b) => b[1].count - a[1].count)) {
      out.push(`===== ${String(count)} × ${key}`, smallest.program.source);
      for (const d of smallest.differences) out.push(`  line ${String(d.line + 1)} plain: ${d.plain ?? '(nothing)'}`, `  line ${String(d.line + 1)} ${d.mode}: ${d.instrumented ?? '(nothing)'}`);
    }
    return out.join('\n');
  }
}
