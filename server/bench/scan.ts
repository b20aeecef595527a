/**
 * `node --import tsx server/bench/scan.ts [file]`: how long the static scan takes on a large
 * file, TypeScript's own bundled compiler by default, split into parsing and the walk that
 * finds sites and decides could-share. Best of a few runs, so a busy machine disturbs it less.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parseSource } from '../src/analysis/parse-source.js';
import { scanSourceFile } from '../src/analysis/scan-source.js';
import { scriptKindOf } from '../src/analysis/script-kind.js';

const RUNS = 5;

const file = process.argv[2] ?? createRequire(import.meta.url).resolve('typescript/lib/typescript.js');
const text = readFileSync(file, 'utf8');
const scriptKind = scriptKindOf(file);
if (scriptKind === undefined) throw new Error(`not a JavaScript or TypeScript file: ${file}`);

interface Figures {
  readonly parseMs: number;
  readonly walkMs: number;
  readonly sites: number;
  readonly couldShare: number;
}

function once(): Figures {
  const started = performance.now();
  const sourceFile = parseSource(file, text, scriptKind!);
  const parsed = performance.now();
  const { sites } = scanSourceFile(file, sourceFile);
  const walked = performance.now();
  return { parseMs: parsed - started, walkMs: walked - parsed, sites: sites.length, couldShare: sites.filter((s) => s.couldShare).length };
}

const runs = Array.from({ length: RUNS }, once);
const best = runs.reduce((a, b) => (a.parseMs + a.walkMs <= b.parseMs + b.walkMs ? a : b));
const lines = text.split('\n').length;
console.log(`scan of ${file} (${lines.toLocaleString('en')} lines, ${(text.length / 1e6).toFixed(1)} MB), best of ${RUNS}, Node ${process.version}`);
console.log(`  parse   ${best.parseMs.toFixed(0).padStart(6)} ms`);
console.log(`  walk    ${best.walkMs.toFixed(0).padStart(6)} ms   (sites, could-share, positions)`);
console.log(`  total   ${(best.parseMs + best.walkMs).toFixed(0).padStart(6)} ms`);
console.log(`  sites   ${String(best.sites).padStart(6)}      (${best.couldShare} could share)`);
console.log(`  every run, total ms: ${runs.map((r) => (r.parseMs + r.walkMs).toFixed(0)).join(', ')}`);
