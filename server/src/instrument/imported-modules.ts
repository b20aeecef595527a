/**
 * The ES modules a module's static imports load, and theirs in turn: what Node 20 loads for an ES
 * module that `require` loads, past every module hook (hooks/require-hook.ts). Followed are the
 * specifiers that name a file (relative, absolute or `file:`), into files that are ES modules;
 * a CommonJS file goes through the require hook, and stops the walk. A package's modules (a bare
 * specifier) are not followed.
 *
 * The walk reads the files as they are now; what needs the compiler (a module's specifiers, the
 * syntax that decides an undeclared file's format) comes from `facts`, which the hooks answer
 * from the transform cache, so a run whose modules were all seen before starts no compiler.
 */
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { declaredFormat } from './hooks/declared-format.js';

export interface ModuleFacts {
  /** The module's static import specifiers (static-specifiers.ts). */
  readonly specifiers: (file: string, text: string) => readonly string[];
  /** Whether a file its declaration leaves undecided is an ES module by its syntax (detect-module-syntax.ts). */
  readonly hasModuleSyntax: (file: string, text: string) => boolean;
}

export function importedModules(file: string, text: string, facts: ModuleFacts): string[] {
  const found = new Set<string>();
  const pending = facts.specifiers(file, text).map((specifier) => fileOf(specifier, file));
  while (pending.length > 0) {
    const next = pending.pop();
    if (next === undefined || found.has(next) || next === file || !existsSync(next)) continue;
    const source = readFileSync(next, 'utf8');
    if ((declaredFormat(next) ?? (facts.hasModuleSyntax(next, source) ? 'module' : 'commonjs')) !== 'module') continue;
    found.add(next);
    pending.push(...facts.specifiers(next, source).map((specifier) => fileOf(specifier, next)));
  }
  return [...found];
}

function fileOf(specifier: string, from: string): string | undefined {
  try {
    if (specifier.startsWith('file:')) return fileURLToPath(specifier);
    if (isAbsolute(specifier)) return specifier;
    if (specifier.startsWith('./') || specifier.startsWith('../')) return fileURLToPath(new URL(specifier, pathToFileURL(from)));
  } catch {
    // A specifier that names no file: Node fails on it as it would without cowlens.
  }
  return undefined;
}
