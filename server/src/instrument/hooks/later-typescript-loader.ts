/**
 * ts-node's bin (`ts-node main.ts`, not `-r ts-node/register`) registers its require hook after
 * cowlens's preload has registered cowlens's: its hook then wraps cowlens's, and compiles, and
 * type-checks, the text cowlens's hook returns. That text must be the instrumented TypeScript, which
 * type-checks as the module does (typed-module-bindings.ts), not cowlens's JavaScript, which does
 * not under `strict`; and its modules must reach it through `require`, not cowlens's ESM hooks.
 */
import { realpathSync } from 'node:fs';
import Module from 'node:module';
import { extname } from 'node:path';

/** ts-node's own mark of its registered service (ts-node's REGISTER_INSTANCE). */
const TS_NODE_INSTANCE = Symbol.for('ts-node.register.instance');

/** The bins of ts-node that run a file through its require hook (`bin-esm.js` uses module hooks). */
const TS_NODE_BIN = /[\\/]ts-node[\\/]dist[\\/]bin(-transpile|-script|-cwd|-script-deprecated)?\.js$/;

/** Whether the program is ts-node's bin, which will register a require hook for TypeScript. */
export function runsTsNodeBin(main: string | undefined): boolean {
  if (main === undefined) return false;
  try {
    return TS_NODE_BIN.test(realpathSync(main));
  } catch {
    return false;
  }
}

function extensions(): Record<string, unknown> {
  return (Module as unknown as { _extensions: Record<string, unknown> })._extensions;
}

/**
 * Remembers the require hooks cowlens installed, by extension; the check it returns tells whether
 * ts-node registered its own for a file's extension since, which will compile what cowlens gives it.
 */
export function watchLaterTypeScriptLoader(exts: readonly string[]): (file: string) => boolean {
  const installed = new Map(exts.map((ext) => [ext, extensions()[ext]]));
  return (file) => {
    const ext = extname(file).toLowerCase();
    return installed.has(ext) && extensions()[ext] !== installed.get(ext) && (process as unknown as Record<symbol, unknown>)[TS_NODE_INSTANCE] !== undefined;
  };
}
