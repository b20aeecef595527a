/**
 * Where a run keeps its transformed modules (instrument/transform-cache.ts): in the project's
 * `node_modules/.cache/cowlens`, as nyc and babel keep theirs (or `$CACHE_DIR/cowlens`), else in
 * the user's own cache folder, in a folder named after the build of cowlens that runs. Folders of
 * other builds not used for a day are removed, so that upgrading cowlens leaves nothing behind.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import findCacheDirectory from 'find-cache-dir';

const BUILD_FOLDER = /^build-[0-9a-f]{16}$/;
const UNUSED_MS = 24 * 60 * 60 * 1000;
/** What server/scripts/build-id.mjs writes in the dist folder. */
const BUILD_ID_FILE = 'build-id';
/** tsc's build info files (tsconfig.build.json's `tsBuildInfoFile`), in the dist folder. */
const TSC_BUILD_INFO = '.tsbuildinfo';

/** Cowlens's own compiled code: the files whose every change may change what the transformer writes. */
const OWN_CODE = fileURLToPath(new URL('..', import.meta.url));

let build: string | undefined;

/** The folder for a run in `root`; the hooks make it when they first write to it. */
export function transformCacheFolder(root: string): string {
  const base = projectCacheFolder(root) ?? userCacheFolder();
  build ??= `build-${buildId(OWN_CODE)}`;
  const folder = join(base, build);
  try {
    statSync(folder);
  } catch {
    removeUnusedBuilds(base);
  }
  return folder;
}

/** The project's cache folder, made now; none when it cannot be made (`node_modules` or `.cache` is a file, say). */
function projectCacheFolder(root: string): string | undefined {
  try {
    return findCacheDirectory({ name: 'cowlens', cwd: root, create: true });
  } catch {
    return undefined;
  }
}

function userCacheFolder(): string {
  const xdg = process.env.XDG_CACHE_HOME;
  return join(xdg !== undefined && xdg !== '' ? xdg : join(homedir(), '.cache'), 'cowlens');
}

/**
 * Names this build by the id its build wrote (server/scripts/build-id.mjs: a hash of its code) and
 * by the state of tsc's build info beside it, which every emit of `tsc -b` rewrites: so a rebuild,
 * an upgrade or a `tsc -b` alone, without the rest of the build, each changes it, for a read and a
 * stat or two a run, where statting each code file cost every run milliseconds.
 */
export function buildId(ownCode: string): string {
  const hash = createHash('sha256');
  try {
    hash.update(readFileSync(join(ownCode, BUILD_ID_FILE)));
  } catch {
    throw new Error(`cowlens's build is incomplete: ${join(ownCode, BUILD_ID_FILE)} is missing (run npm run build)`);
  }
  for (const name of readdirSync(ownCode).filter((file) => file.endsWith(TSC_BUILD_INFO)).sort()) {
    const { size, mtimeMs } = statSync(join(ownCode, name));
    hash.update(`${name}\0${String(size)}\0${String(mtimeMs)}\n`);
  }
  return hash.digest('hex').slice(0, 16);
}

function removeUnusedBuilds(base: string): void {
  let names: string[];
  try {
    names = readdirSync(base);
  } catch {
    return;
  }
  const now = Date.now();
  for (const name of names) {
    if (!BUILD_FOLDER.test(name)) continue;
    const path = join(base, name);
    try {
      if (now - statSync(path).mtimeMs > UNUSED_MS) rmSync(path, { recursive: true, force: true });
    } catch {
      // Another run removed it, or it is not ours to remove: either way nothing is lost.
    }
  }
}
