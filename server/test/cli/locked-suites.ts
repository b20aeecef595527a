/**
 * A runner suite that locks a runner of its own in its package.json and package-lock.json
 * (test-fixtures/runners/vitest5-suite, jest29-suite): its tests install it from the lockfile
 * when a checkout has not yet, and leave it alone (no network) when it holds the locked runner.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';

/**
 * `npm ci` in `suite` unless its node_modules holds `runner` at the version its lockfile locks,
 * with npm on the Node that runs these tests (vitest 5 refuses an older one). npm's own
 * variables, inherited when the tests run from `npm test`, would name the repository's project.
 */
export function installLockedSuite(suite: string, runner: string): void {
  const installed = join(suite, 'node_modules', runner, 'package.json');
  if (existsSync(installed) && versionIn(installed) === lockedVersion(suite, runner)) return;
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.toLowerCase().startsWith('npm_')));
  env.PATH = `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}`;
  const npm = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: suite, env, encoding: 'utf8' });
  if (npm.status !== 0) throw new Error(`npm ci in ${suite} failed (status ${String(npm.status)}):\n${npm.stderr}`);
}

function versionIn(manifest: string): unknown {
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version?: unknown }).version;
}

function lockedVersion(suite: string, runner: string): unknown {
  const lock = JSON.parse(readFileSync(join(suite, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: unknown } | undefined> };
  return lock.packages[`node_modules/${runner}`]?.version;
}
