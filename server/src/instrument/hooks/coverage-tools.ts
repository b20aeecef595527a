/**
 * A coverage tool that measures a process of the run measures the code that process ran: cowlens's
 * instrumented text, not the files as written. istanbul (nyc, babel-plugin-istanbul, jest's
 * `--coverage`) instruments the text it is handed, cowlens's; nyc's `--all` builds its baseline of
 * unloaded files through the require hooks, cowlens's among them; V8's coverage (c8,
 * `NODE_V8_COVERAGE`) counts ranges of the scripts V8 compiled. Known from what the process
 * loaded: the tool's packages in Node's CommonJS cache, istanbul's counters, V8's coverage folder.
 */
import Module from 'node:module';
import { sep } from 'node:path';

/** The packages whose presence in a process means that coverage is measured there, by tool. */
const COVERAGE_PACKAGES: readonly (readonly [tool: string, dir: string])[] = [
  ['nyc', 'nyc'],
  ['c8', 'c8'],
  ['istanbul', 'istanbul-lib-instrument'],
  ['istanbul', 'babel-plugin-istanbul'],
];

/** Tells `report`, at exit, which coverage tools measured this process, when any did. */
export function reportCoverageTools(report: (tools: readonly string[]) => void): void {
  process.on('exit', () => {
    try {
      const tools = coverageTools();
      if (tools.length > 0) report(tools);
    } catch {
      // The program's exit must go on whatever happens here.
    }
  });
}

function coverageTools(): string[] {
  const loaded = Object.keys((Module as unknown as { _cache: Record<string, unknown> })._cache);
  const tools = new Set<string>();
  for (const [tool, dir] of COVERAGE_PACKAGES) {
    const marker = `${sep}node_modules${sep}${dir}${sep}`;
    if (loaded.some((file) => file.includes(marker))) tools.add(tool);
  }
  if (typeof (globalThis as { __coverage__?: unknown }).__coverage__ === 'object') tools.add('istanbul');
  // nyc is istanbul's command line: one name for one tool.
  if (tools.has('nyc')) tools.delete('istanbul');
  const v8 = process.env.NODE_V8_COVERAGE;
  if (v8 !== undefined && v8 !== '' && !tools.has('c8')) tools.add('V8 coverage (NODE_V8_COVERAGE)');
  return [...tools];
}
