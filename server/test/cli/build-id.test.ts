/**
 * The build id that names a run's transform cache folder (run/transform-cache-folder.ts): written
 * by the build (server/scripts/build-id.mjs), it must change whenever the code that transforms
 * does, or a run would execute modules that an older cowlens instrumented.
 */
import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a build script, plain JavaScript with no declarations.
import { writeBuildId } from '../../scripts/build-id.mjs';
import { buildId } from '../../src/run/transform-cache-folder.js';

const build = writeBuildId as (dist: string) => Promise<void>;

function dist(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cowlens-dist-'));
  mkdirSync(join(dir, 'instrument'));
  writeFileSync(join(dir, 'instrument/transform.js'), 'export const version = 1;\n');
  writeFileSync(join(dir, 'instrument/transform.js.map'), '{}');
  writeFileSync(join(dir, 'preload.cjs'), 'module.exports = 1;\n');
  writeFileSync(join(dir, '.tsbuildinfo'), '{"version":"1"}');
  return dir;
}

describe('build id', () => {
  it('stays when the build is made again from the same code', async () => {
    const dir = dist();
    await build(dir);
    const first = buildId(dir);
    await build(dir);
    expect(buildId(dir)).toBe(first);
  });

  it('changes when a code file of the build changes, ES module or CommonJS', async () => {
    const dir = dist();
    await build(dir);
    const first = buildId(dir);
    writeFileSync(join(dir, 'instrument/transform.js'), 'export const version = 2;\n');
    await build(dir);
    const second = buildId(dir);
    expect(second).not.toBe(first);
    writeFileSync(join(dir, 'preload.cjs'), 'module.exports = 2;\n');
    await build(dir);
    expect(buildId(dir)).not.toBe(second);
  });

  it('changes when tsc -b emitted without the rest of the build', async () => {
    const dir = dist();
    await build(dir);
    const first = buildId(dir);
    writeFileSync(join(dir, 'instrument/transform.js'), 'export const version = 2;\n');
    writeFileSync(join(dir, '.tsbuildinfo'), '{"version":"2"}');
    utimesSync(join(dir, '.tsbuildinfo'), new Date(), new Date(Date.now() + 5000));
    expect(buildId(dir)).not.toBe(first);
  });

  it('is refused, loudly, for a build that wrote none', () => {
    expect(() => buildId(dist())).toThrow(/build-id is missing \(run npm run build\)/);
  });
});
