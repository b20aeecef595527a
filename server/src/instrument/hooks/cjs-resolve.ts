import Module from 'node:module';

type ResolveFilename = (request: string, parent: unknown, isMain: boolean, options?: unknown) => string;

const TS_FOR_JS: Readonly<Record<string, readonly string[]>> = { '.js': ['.ts', '.tsx'], '.cjs': ['.cts'], '.mjs': ['.mts'] };

/**
 * TypeScript projects import `./x.js` meaning `./x.ts`; `require` after type stripping must find
 * it, as the ESM resolve hook does for imports. Only a request that fails otherwise is retried.
 */
export function resolveTypeScriptFromRequire(): void {
  const internals = Module as unknown as { _resolveFilename: ResolveFilename };
  const original = internals._resolveFilename;
  internals._resolveFilename = function resolveFilename(request, parent, isMain, options) {
    try {
      return original.call(this, request, parent, isMain, options);
    } catch (error) {
      const ext = /\.[cm]?js$/.exec(request)?.[0];
      if (ext === undefined || !(request.startsWith('./') || request.startsWith('../'))) throw error;
      for (const replacement of TS_FOR_JS[ext] ?? []) {
        try {
          return original.call(this, request.slice(0, -ext.length) + replacement, parent, isMain, options);
        } catch {
          // try the next extension; the original error is the one to report
        }
      }
      throw error;
    }
  };
}
