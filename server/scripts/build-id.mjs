/**
 * The build id (run/transform-cache-folder.ts names a run's transform cache folder after it): a
 * hash of the content of every code file of a built `dist`, written to `dist/build-id` last, after
 * everything else is built (server/scripts/after-tsc.mjs for server/dist, client/scripts/bundle.mjs
 * for the .vsix's). A run reads the one file instead of statting each code file of the build.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

/** The name run/transform-cache-folder.ts reads, in the dist folder. */
export const BUILD_ID_FILE = 'build-id';

/** The files of a build that run: its source maps and declarations (two in three files) change with them. */
const CODE_FILE = /\.c?js$/;

export async function writeBuildId(dist) {
  const entries = await readdir(dist, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((entry) => entry.isFile() && CODE_FILE.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
  const hash = createHash('sha256');
  for (const file of files) hash.update(`${relative(dist, file).split(sep).join('/')}\0`).update(await readFile(file)).update('\0');
  await writeFile(join(dist, BUILD_ID_FILE), `${hash.digest('hex').slice(0, 16)}\n`);
}
