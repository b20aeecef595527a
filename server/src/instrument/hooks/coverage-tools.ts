/**
 * A coverage tool that measures a process of the run measures the code that process ran: cowlens's
 * instrumented text, not the files as written. istanbul (nyc, babel-plugin-istanbul, jest's
 * `--coverage`) instruments the text it is handed, cowlens's; nyc's `--all` builds its baseline of
 * unloaded files through the require hooks, cowlens's among them; V8's coverage (c8,
 * `NODE_V8_COVERAGE`) counts ranges of the scripts V8 compiled, and so does tap's (18 and later),
 * which starts V8's coverage itself in each test process (@tapjs/processinfo). Known from what the
 * process loaded: the tool's packages in Node's CommonJS cache, istanbul's counters, V8's coverage
 * folder, and tap's switch for its test processes.
 */
import Module from 'node:module';
import { sep } from 'node:path';
import { atProcessExit } from './at-process-exit.js';

/** The packages whose presence in a process means that coverage is measured there, by tool. */
const COVERAGE_PACKAGES: readonly (readonly [tool: string, dir: string])[] = [
  ['nyc', 'nyc'],
  ['istanbul', 'istanbul-lib-instrument'],
  ['istanbul', 'babel-plugin-istanbul'],
];

/**
 * tap's runner tells each test process whether to measure ('1') or not ('0', `--disable-coverage`);
 * its import of @tapjs/processinfo, an ES module, is in no CommonJS cache.
 */
const TAP_COVERAGE = '_TAPJS_PROCESSINFO_COVERAGE_';

/** Tells `report`, at exit, which coverage tools measured this process, when any did. */
export function reportCoverageTools(report: (tools: readonly string[]) => void): void {
  atProcessExit(() => {
    const tools = coverageTools();
    if (tools.length > 0) report(tools);
  });
}

function coverageTools(): string[] {
  const loaded = Object.keys((Module as unknown as { _cache: Record<string, unknown> })._cache);
  const tools = new Set<string>();
  for (const [tool, dir] of COVERAGE_PACKAGES) if (loaded.some((file) => file.includes(packageDir(dir)))) tools.add(tool);
  if (typeof (globalThis as { __coverage__?: unknown }).__coverage__ === 'object') tools.add('istanbul');
  // nyc is istanbul's command line: one name for one tool.
  if (tools.has('nyc')) tools.delete('istanbul');
  if (process.env[TAP_COVERAGE] === '1') tools.add('tap');
  // c8's command line sets NODE_V8_COVERAGE for itself and its children; tap's runner loads c8 to
  // print its coverage report, and loads it with `--disable-coverage` too.
  const v8 = process.env.NODE_V8_COVERAGE;
  if (v8 !== undefined && v8 !== '') tools.add(loaded.some((file) => file.includes(packageDir('c8'))) ? 'c8' : 'V8 coverage (NODE_V8_COVERAGE)');
  return [...tools];
}

function packageDir(name: string): string {
  return `${sep}node_modules${sep}${name}${sep}`;
}
