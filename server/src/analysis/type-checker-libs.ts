/**
 * The TypeScript library files (`lib.es2023.d.ts` and those it references) for the type checker
 * of type-facts.ts, by file name. The compiler cowlens uses is the one ts-morph carries, which keeps
 * its library files as strings in `@ts-morph/common`; the `.vsix` ships no node_modules, so its
 * bundle writes the ones the checker needs next to the compiler (client/scripts/bundle.mjs), and
 * they are read from there.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The library the checker is given: what Node 20 and later run. */
export const CHECKER_LIB = 'lib.es2023.d.ts';

/** Where the `.vsix` bundle puts the library files, relative to the bundle's own folder. */
export const BUNDLED_LIB_FOLDER = 'vendor/typescript-lib';

let files: ReadonlyMap<string, string> | undefined;

export function typeCheckerLibs(): ReadonlyMap<string, string> {
  files ??= fromTsMorph() ?? fromBundle();
  return files;
}

function fromTsMorph(): ReadonlyMap<string, string> | undefined {
  try {
    const common = createRequire(import.meta.url)('@ts-morph/common') as { getLibFiles(): readonly { fileName: string; text: string }[] };
    return new Map(common.getLibFiles().map((f) => [f.fileName, f.text]));
  } catch {
    return undefined;
  }
}

function fromBundle(): ReadonlyMap<string, string> {
  const folder = fileURLToPath(new URL(`../${BUNDLED_LIB_FOLDER}/`, import.meta.url));
  try {
    return new Map(readdirSync(folder).map((name) => [name, readFileSync(join(folder, name), 'utf8')]));
  } catch {
    // No library: the checker then proves nothing about built-in types, and nothing is claimed.
    return new Map();
  }
}
