/**
 * For a CommonJS bundle of the server's modules that lies in `dist/instrument/hooks/`, where the
 * run's preloads go (server/scripts/bundle-preload.mjs for server/dist, client/scripts/bundle.mjs
 * for the .vsix): each bundled module keeps the `import.meta.url` it has in dist, where tsc puts
 * it, so that the URLs it makes from it (the ES module hooks, the transform worker, the preload
 * itself from run/node-options.ts, cowlens's own folder) name the same files as from the module
 * itself. One URL for the whole bundle would be wrong for every module outside that folder.
 */
import { readFile } from 'node:fs/promises';
import { relative, sep } from 'node:path';

/** What the banner defines: a module's URL in dist, by its path under dist. */
export const MODULE_URL_BANNER = "const __cowlensModuleUrl = (built) => new URL(`../../${built}`, require('node:url').pathToFileURL(__filename)).href;";

/** The esbuild plugin, for the modules under `src` (server/src). */
export function ownImportMetaUrl(src) {
  return {
    name: 'cowlens-own-import-meta-url',
    setup(b) {
      b.onLoad({ filter: /\.ts$/ }, async (args) => {
        const text = await readFile(args.path, 'utf8');
        if (!args.path.startsWith(src + sep) || !text.includes('import.meta.url')) return undefined;
        const built = relative(src, args.path).split(sep).join('/').replace(/\.ts$/, '.js');
        return { contents: text.replaceAll('import.meta.url', `__cowlensModuleUrl(${JSON.stringify(built)})`), loader: 'ts' };
      });
    },
  };
}
