import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Vitest global setup: the CLI tests run the built `cowlens` in real processes, so build it
 * (incrementally: a no-op when nothing changed), and make what tsc does not (server/scripts/
 * after-tsc.mjs: the run's preload, the report schema's check), before any test runs, never
 * testing stale code.
 */
export default function buildOnce(): void {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  execFileSync(process.execPath, [fileURLToPath(new URL('../../node_modules/typescript/bin/tsc', import.meta.url)), '-b'], { cwd: root, stdio: 'inherit' });
  execFileSync(process.execPath, [fileURLToPath(new URL('../scripts/after-tsc.mjs', import.meta.url))], { cwd: root, stdio: 'inherit' });
  for (const built of ['cli-bundle/main.js', 'instrument/hooks/preload.cjs', 'report/report-schema-check.cjs', 'build-id'])
    if (!existsSync(fileURLToPath(new URL(`../dist/${built}`, import.meta.url)))) throw new Error(`the build did not produce server/dist/${built}`);
}
