/**
 * The run's preload as one CommonJS file, server/dist/instrument/hooks/preload.cjs (`npm run build`
 * makes it after tsc). `cowlens report` loads it with `--require`: an `--import` would make Node
 * load even a CommonJS entry through its ES module loader, whose errors, stack traces and
 * `module` differ from a plain run's (README, How it works). The packages it uses stay outside,
 * required from node_modules; client/scripts/bundle.mjs makes the .vsix's own copy with
 * everything inside.
 */
import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

const server = join(import.meta.dirname, '..');
const src = join(server, 'src');

/**
 * Each bundled module keeps the `import.meta.url` it has in dist, where tsc puts it: the URLs it
 * makes from it (the ES module hooks, the transform worker, the runtime's CommonJS build, cowlens's
 * own folder) name the same files as from the module itself.
 */
const ownImportMetaUrl = {
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

await build({
  entryPoints: [join(src, 'instrument/hooks/register.ts')],
  outfile: join(server, 'dist/instrument/hooks/preload.cjs'),
  bundle: true,
  packages: 'external',
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // Mapped to cowlens's TypeScript: the crash monitor names the place in cowlens's source of an
  // error raised inside cowlens, from the map next to the file. Not linked from the file: a
  // coverage tool of the program's (tap's) would follow the link and report cowlens's sources.
  sourcemap: 'external',
  sourcesContent: false,
  logLevel: 'warning',
  // Strict, as the ES modules it is made of: esbuild's own directive comes after the banner.
  banner: { js: "'use strict';\nconst __cowlensModuleUrl = (built) => new URL(`../../${built}`, require('node:url').pathToFileURL(__filename)).href;" },
  plugins: [ownImportMetaUrl],
});
