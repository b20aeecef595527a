/**
 * vitest runs test files through vite's module runner: vite reads and transforms them in vitest's
 * main process and the test workers evaluate the result, so Node's module hooks never see them.
 * The one place all of them pass through is the vite server vitest creates for each project with
 * vite's public `createServer`: vitest's own `import ... from 'vite'` is resolved to a wrapper
 * module that re-exports vite with a `createServer` adding cowlens's vite plugin (vite-plugin.ts).
 * vitest 5 resolves each project's config first, with vite's `resolveConfig`, and hands
 * `createServer` the resolved config, whose plugins are settled: the wrapper's `resolveConfig`
 * adds the plugin there, and `createServer` passes a config that has it on as it is.
 * Used by the ESM hooks, on Node's hooks thread.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Marks the wrapper's URL: the real vite's URL with this query. */
const WRAPPER_QUERY = '?cowlens-vitest';

const PLUGIN_URL = new URL('./vite-plugin.js', import.meta.url).href;

/** The vitest releases whose module runner cowlens has been checked against. */
const SUPPORTED = 'vitest 4.1 or a later 4.x, or vitest 5';

export type ViteImport =
  | { readonly kind: 'other' }
  | { readonly kind: 'wrap' }
  | { readonly kind: 'unsupported'; readonly message: string };

/** Whether this import is vitest's own import of vite, and whether cowlens supports that vitest. */
export function classifyViteImport(specifier: string, parentURL: string | undefined): ViteImport {
  if (specifier !== 'vite' || parentURL === undefined) return { kind: 'other' };
  const dist = parentURL.lastIndexOf('/node_modules/vitest/dist/');
  if (!parentURL.startsWith('file:') || dist < 0) return { kind: 'other' };
  const manifest = fileURLToPath(`${parentURL.slice(0, dist)}/node_modules/vitest/package.json`);
  const version = versionOf(manifest);
  if (version !== undefined && isSupported(version)) return { kind: 'wrap' };
  return {
    kind: 'unsupported',
    message: `vitest ${version ?? '(unknown version)'} is not supported (cowlens instruments the test files of ${SUPPORTED}): its test files run uninstrumented`,
  };
}

export function wrapperUrl(viteUrl: string): string {
  return viteUrl + WRAPPER_QUERY;
}

/** The wrapper's source for its URL, or undefined when the URL is not a wrapper's. */
export function wrapperSource(url: string): string | undefined {
  if (!url.endsWith(WRAPPER_QUERY)) return undefined;
  const vite = JSON.stringify(url.slice(0, -WRAPPER_QUERY.length));
  return [
    `import { createServer as createViteServer, resolveConfig as resolveViteConfig } from ${vite};`,
    `import { withCowlensPlugin } from ${JSON.stringify(PLUGIN_URL)};`,
    `export * from ${vite};`,
    'export const createServer = (config) => createViteServer(withCowlensPlugin(config));',
    'export const resolveConfig = (config, ...rest) => resolveViteConfig(withCowlensPlugin(config), ...rest);',
    '',
  ].join('\n');
}

function isSupported(version: string): boolean {
  const [major, minor] = version.split('.').map(Number);
  return (major === 4 && minor !== undefined && minor >= 1) || major === 5;
}

function versionOf(manifest: string): string | undefined {
  try {
    const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version?: unknown };
    return typeof version === 'string' ? version : undefined;
  } catch {
    return undefined;
  }
}
