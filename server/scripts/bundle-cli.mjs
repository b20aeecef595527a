/**
 * The `cowlens` command as ES module bundles (`npm run build` makes them after tsc), which
 * server/bin/cowlens.js runs: server/dist/cli-bundle/main.js and a chunk for each command that
 * loads only when it runs (esbuild's splitting keeps `main.ts`'s dynamic imports lazy, and puts
 * what commands share in chunks of their own, so each module is one instance, `UserError` among
 * them). Loading the 55 files of the `report` path one by one through Node's ES module loader was
 * most of the CLI's own start. Packages that are heavy or that a command never needs at start
 * (the compiler, the language server's, synckit's, which must stay one instance with its worker)
 * stay outside, loaded from node_modules where they are imported.
 */
import { build } from 'esbuild';
import { readFile, rm } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

const server = join(import.meta.dirname, '..');
const src = join(server, 'src');
const outdir = join(server, 'dist/cli-bundle');

/** Packages left to node_modules: what the `report` path loads is bundled. */
const EXTERNAL = ['ts-morph', 'synckit', 'pirates', 'ajv', 'ajv-formats', '@jridgewell/*', 'vscode-languageserver', 'vscode-languageserver/*', 'vscode-languageserver-protocol', 'vscode-languageserver-textdocument'];

/**
 * Each bundled module keeps the `import.meta.url` it has in dist, where tsc puts it: the URLs it
 * makes from it (the preload, the package's own package.json, the report schema's check, cowlens's
 * own folder for the build id) name the same files from the bundle. Every output file lies in
 * `outdir`, so one relative URL from any of them finds the module's place in dist.
 */
const moduleUrlInDist = {
  name: 'cowlens-module-url-in-dist',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      if (!args.path.startsWith(src + sep) || !text.includes('import.meta.url')) return undefined;
      const inDist = relative(outdir, join(server, 'dist', relative(src, args.path))).split(sep).join('/').replace(/\.ts$/, '.js');
      return { contents: text.replaceAll('import.meta.url', `new URL(${JSON.stringify(inDist)}, import.meta.url).href`), loader: 'ts' };
    });
  },
};

// Chunks are named by their content: those of an earlier build would stay beside the new ones.
await rm(outdir, { recursive: true, force: true });
await build({
  entryPoints: { main: join(src, 'cli/main.ts') },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: EXTERNAL,
  // CommonJS packages bundled into an ES module call require() for Node's built-ins.
  banner: { js: "import { createRequire as __cowlensRequire } from 'node:module'; const require = __cowlensRequire(import.meta.url);" },
  logLevel: 'warning',
  plugins: [moduleUrlInDist],
});
