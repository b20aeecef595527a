import { existsSync } from 'node:fs';
import Module from 'node:module';
import { dirname, join } from 'node:path';

type ResolveFilename = (request: string, parent: unknown, isMain: boolean, options?: unknown) => string;

const TS_FOR_JS: Readonly<Record<string, readonly string[]>> = { '.js': ['.ts', '.tsx'], '.cjs': ['.cts'], '.mjs': ['.mts'] };

let installed = false;

/**
 * TypeScript projects import `./x.js` meaning `./x.ts`; `require` after type stripping must find
 * it, as the ESM resolve hook does for imports. Installed once a TypeScript file is required, so
 * that the frames of a plain JavaScript program's stack traces stay Node's own. A request is
 * rewritten before Node resolves it, only where the file it names is missing and the TypeScript
 * one is there: a request that fails fails in Node's frames, with Node's error.
 */
export function resolveTypeScriptFromRequire(): void {
  if (installed) return;
  installed = true;
  const internals = Module as unknown as { _resolveFilename: ResolveFilename };
  const original = internals._resolveFilename;
  internals._resolveFilename = function resolveFilename(request, parent, isMain, options) {
    // A request resolved from `options.paths` is not relative to its parent: left to Node.
    const paths = (options as { paths?: unknown } | undefined)?.paths;
    return original.call(this, (paths === undefined && typeScriptRequest(request, parent)) || request, parent, isMain, options);
  };
}

function typeScriptRequest(request: string, parent: unknown): string | undefined {
  const ext = /\.[cm]?js$/.exec(request)?.[0];
  const from = (parent as { filename?: unknown } | null | undefined)?.filename;
  if (ext === undefined || !(request.startsWith('./') || request.startsWith('../')) || typeof from !== 'string') return undefined;
  const path = join(dirname(from), request);
  if (existsSync(path)) return undefined;
  const stem = request.slice(0, -ext.length);
  return (TS_FOR_JS[ext] ?? []).map((replacement) => stem + replacement).find((candidate) => existsSync(join(dirname(from), candidate)));
}
