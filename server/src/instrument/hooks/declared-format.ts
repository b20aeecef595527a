/**
 * The format a module's own declaration gives it, as Node reads it: its extension, or the `type`
 * of the nearest package.json. Shared by the module hooks and the require hook, which must agree
 * on which files Node loads as ES modules.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import type { ModuleFormat } from '../to-javascript.js';

/** The format Node gave, the extension's, or the nearest package.json's `type`; undefined when none decides. */
export function declaredFormat(file: string, given?: string | null): ModuleFormat | undefined {
  if (given === 'module' || given === 'commonjs') return given;
  const ext = extname(file).toLowerCase();
  if (ext === '.mjs' || ext === '.mts') return 'module';
  if (ext === '.cjs' || ext === '.cts') return 'commonjs';
  return packageType(dirname(file));
}

/** `type` of the nearest package.json, once per folder; undefined when it has none, or there is none. */
const packageTypes = new Map<string, ModuleFormat | undefined>();

function packageType(dir: string): ModuleFormat | undefined {
  if (packageTypes.has(dir)) return packageTypes.get(dir);
  let type: ModuleFormat | undefined;
  const manifest = join(dir, 'package.json');
  if (existsSync(manifest)) {
    try {
      const declared = (JSON.parse(readFileSync(manifest, 'utf8')) as { type?: unknown }).type;
      type = declared === 'module' || declared === 'commonjs' ? declared : undefined;
    } catch {
      type = undefined;
    }
  } else if (dirname(dir) !== dir) {
    type = packageType(dirname(dir));
  }
  packageTypes.set(dir, type);
  return type;
}
