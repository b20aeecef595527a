/**
 * `node --import tsx server/bench/lsp-latency.ts`: how soon after an edit the language server
 * answers with fresh inlay hints for a generated 2,000-line TypeScript file, through a real
 * server process over stdio (the built `server/dist`, so run `npm run build` first). Each round
 * sends one incremental edit and then asks for the hints; the figure is from sending the edit to
 * receiving the hints that reflect it.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InlayHintRequest } from 'vscode-languageserver-protocol/node';
import { LspClient } from '../test/lsp/lsp-client.js';

const LINES = 2000;
const ROUNDS = 100;

/** A file of ordinary code with a copy every few lines: spreads, slices, clones, JSON round trips. */
function generatedSource(): string {
  const lines: string[] = [];
  for (let i = 0; lines.length < LINES; i++) {
    lines.push(
      `export function step${i}(state: { items: number[]; meta: Record<string, number> }, n: number) {`,
      `  const items = [...state.items, n + ${i}];`,
      `  const meta = { ...state.meta, [\`k${i}\`]: items.length };`,
      `  const head = items.slice(0, 10);`,
      `  const backup = JSON.parse(JSON.stringify(meta));`,
      `  if (head.length > ${i % 7}) return { items, meta: backup };`,
      `  return { items: head, meta };`,
      `}`,
    );
  }
  return lines.slice(0, LINES).join('\n');
}

const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const client = await LspClient.start();
try {
  const uri = await client.open(join(mkdtempSync(join(tmpdir(), 'cowlens-bench-')), 'generated.ts'), generatedSource());
  const whole = { start: { line: 0, character: 0 }, end: { line: LINES + ROUNDS, character: 0 } };
  const first = performance.now();
  const initial = await client.connection.sendRequest(InlayHintRequest.type, { textDocument: { uri }, range: whole });
  const openMs = performance.now() - first;
  const times: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const started = performance.now();
    // A new line with one more copy at the top: every hint below it moves, and one is new.
    await client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: `const extra${round} = [...[${round}]];\n` }]);
    const hints = await client.connection.sendRequest(InlayHintRequest.type, { textDocument: { uri }, range: whole });
    times.push(performance.now() - started);
    if (hints?.length !== (initial?.length ?? 0) + round + 1) throw new Error(`round ${round}: expected ${(initial?.length ?? 0) + round + 1} hints, got ${hints?.length ?? 0}`);
  }
  console.log(`language server, edit → fresh inlay hints, ${LINES.toLocaleString('en')}-line file with ${initial?.length ?? 0} sites, ${ROUNDS} edits, Node ${process.version}`);
  console.log(`  first hints after open ${openMs.toFixed(1).padStart(7)} ms`);
  console.log(`  median                 ${median(times).toFixed(1).padStart(7)} ms`);
  console.log(`  slowest                ${Math.max(...times).toFixed(1).padStart(7)} ms   (target: well within 100 ms)`);
} finally {
  await client.stop();
}
