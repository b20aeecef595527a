/**
 * Bundles the extension for the .vsix (`npm run bundle`), which ships no node_modules:
 *
 *   client/dist/extension.cjs        the client (CommonJS: the extension host loads it most reliably)
 *   client/dist/media/               client/media as it is: icons, webview files
 *   client/dist/server/              the server package as tsc lays it out, so every URL the server
 *     package.json                   makes from `import.meta.url` still resolves: `../../package.json`,
 *     schema/report.schema.json      `../../schema/…`, `../instrument/hooks/preload.cjs`, `./esm-hooks.js`,
 *     dist/lsp/main.js               `./transform-worker.js`, and `../..` as cowlens's own root
 *     dist/instrument/hooks/*.js     the files a run loads into the user's processes (vite-plugin.js
 *                                    only into vitest's, by its URL from esm-hooks.js)
 *     dist/instrument/hooks/         the run's preload, as CommonJS for `--require`: the gate, and the
 *       preload.cjs                  runtime it loads where wanted (server/scripts/bundle-preload.mjs
 *       preload-runtime.cjs          makes server/dist's)
 *     dist/report/                   the report schema's check, as `npm run build` compiled it, at
 *       report-schema-check.cjs      `../../dist/report/…` from any entry
 *     dist/instrument/*.cjs          synckit's worker preload, at `../register.cjs` from synckit's code
 *     dist/vendor/typescript.cjs     the compiler, once, instead of inside three bundles
 *     dist/build-id                  the build's id, for the transform cache (server/scripts/build-id.mjs)
 *     dist/runtime-cjs/**            the runtime as CommonJS, file by file, as tsc lays it out in
 *                                    server/dist: evaluated in each jest test file's vm context
 *
 * Each server entry is its own ES module bundle: code splitting would move modules that read
 * `import.meta.url` into chunks elsewhere, and their relative URLs would point elsewhere too.
 */
import { build } from 'esbuild';
import { copyFile, cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, dirname, join, relative, sep } from 'node:path';
import { writeBuildId } from '../../server/scripts/build-id.mjs';
import { MODULE_URL_BANNER, ownImportMetaUrl } from '../../server/scripts/own-import-meta-url.mjs';

const root = join(import.meta.dirname, '../..');
const dist = join(root, 'client/dist');
const serverOut = join(dist, 'server');
const serverSrc = join(root, 'server/src');
const require = createRequire(join(root, 'server/package.json'));

/** The server's entry points, by their path under server/src (and under dist/). */
const SERVER_ENTRIES = ['lsp/main', 'instrument/hooks/esm-hooks', 'instrument/hooks/transform-worker', 'instrument/hooks/vite-plugin'];
/**
 * The run's preload, by source under server/src and bundle under dist/: the gate `--require` names,
 * and the runtime it loads where wanted (server/scripts/bundle-preload.mjs makes server/dist's).
 */
const PRELOADS = [
  { entry: 'instrument/hooks/preload-gate', outfile: 'instrument/hooks/preload.cjs' },
  { entry: 'instrument/hooks/register', outfile: 'instrument/hooks/preload-runtime.cjs' },
];

/** Where the shared files go under client/dist/server/dist. */
const TYPESCRIPT = 'vendor/typescript.cjs';
const SYNCKIT_FILES = ['register.cjs', 'shared.cjs'];
const SYNCKIT_DIR = 'instrument';

// ts-morph's `ts` is the compiler it bundles (@ts-morph/common/dist/typescript.js): ship that very file.
const typescriptSource = join(dirname(require.resolve('@ts-morph/common')), 'typescript.js');
const synckitRoot = dirname(dirname(require.resolve('synckit')));

/** A relative module specifier from one output file to another file under client/dist/server/dist. */
function specifier(fromOutfile, target) {
  const path = relative(dirname(fromOutfile), join(serverOut, 'dist', target)).split(sep).join('/');
  return path.startsWith('.') ? path : `./${path}`;
}

/**
 * The server only uses `ts` from ts-morph (the compiler namespace), so ts-morph's own code stays
 * out; the compiler is required lazily (the hooks import the transformer on the first module to
 * transform) from the one shipped copy. A new import of anything else from ts-morph fails the build.
 */
function sharedFiles(outfile) {
  return {
    name: 'cowlens-shared-files',
    setup(b) {
      b.onResolve({ filter: /^ts-morph$/ }, () => ({ path: 'ts-morph', namespace: 'cowlens-ts' }));
      b.onLoad({ filter: /.*/, namespace: 'cowlens-ts' }, () => ({
        contents: `import { createRequire } from 'node:module';\nexport const ts = createRequire(import.meta.url)(${JSON.stringify(specifier(outfile, TYPESCRIPT))});`,
        loader: 'js',
      }));
      // synckit's preload and its code must share one instance of shared.cjs (see synckit/register.cjs).
      b.onResolve({ filter: /^\.\.\/shared\.cjs$/ }, (args) =>
        args.importer.startsWith(synckitRoot) ? { path: specifier(outfile, `${SYNCKIT_DIR}/shared.cjs`), external: true } : undefined,
      );
    },
  };
}

const common = { bundle: true, platform: 'node', target: 'node20', minify: true, legalComments: 'none', logLevel: 'warning' };

async function bundleServer() {
  const pkg = JSON.parse(await readFile(join(root, 'server/package.json'), 'utf8'));
  await mkdir(join(serverOut, 'schema'), { recursive: true });
  await writeFile(join(serverOut, 'package.json'), `${JSON.stringify({ name: pkg.name, version: pkg.version, private: true, type: 'module' }, null, 2)}\n`);
  await copyFile(join(root, 'server/schema/report.schema.json'), join(serverOut, 'schema/report.schema.json'));
  // The schema's check, compiled with everything it needs by `npm run build` (server/scripts/compile-report-schema.mjs).
  await mkdir(join(serverOut, 'dist/report'), { recursive: true });
  await copyFile(join(root, 'server/dist/report/report-schema-check.cjs'), join(serverOut, 'dist/report/report-schema-check.cjs'));
  await mkdir(join(serverOut, 'dist', SYNCKIT_DIR), { recursive: true });
  for (const file of SYNCKIT_FILES) await copyFile(join(synckitRoot, file), join(serverOut, 'dist', SYNCKIT_DIR, file));
  await build({
    ...common,
    entryPoints: [typescriptSource],
    format: 'cjs',
    bundle: false,
    outfile: join(serverOut, 'dist', TYPESCRIPT),
  });
  await Promise.all(
    SERVER_ENTRIES.map((entry) => {
      const outfile = join(serverOut, 'dist', `${entry}.js`);
      return build({
        ...common,
        entryPoints: [join(serverSrc, `${entry}.ts`)],
        outfile,
        format: 'esm',
        // CommonJS packages bundled into an ES module call require() for Node's built-ins.
        banner: { js: "import { createRequire as __cowlensRequire } from 'node:module'; const require = __cowlensRequire(import.meta.url);" },
        plugins: [sharedFiles(outfile)],
      });
    }),
  );
  await Promise.all(
    PRELOADS.map(({ entry, outfile }) => {
      const preload = join(serverOut, 'dist', outfile);
      return build({
        ...common,
        entryPoints: [join(serverSrc, `${entry}.ts`)],
        outfile: preload,
        format: 'cjs',
        // The server's modules bundled into it make URLs of files from their own `import.meta.url`
        // in dist; the shared files' stand-ins (sharedFiles) from the bundle's.
        define: { 'import.meta.url': '__cowlensImportMetaUrl' },
        // Strict, as the ES modules it is made of: esbuild's own directive comes after the banner.
        banner: { js: `'use strict';\nconst __cowlensImportMetaUrl = require('node:url').pathToFileURL(__filename).href;\n${MODULE_URL_BANNER}` },
        plugins: [ownImportMetaUrl(serverSrc), sharedFiles(preload)],
      });
    }),
  );
}

/**
 * The TypeScript library files the type checker of server/src/analysis/type-facts.ts reads
 * (`CHECKER_LIB` and what it references, in `BUNDLED_LIB_FOLDER`: type-checker-libs.ts), from the
 * strings ts-morph keeps them in.
 */
async function writeTypeCheckerLibs() {
  const libs = new Map(require('@ts-morph/common').getLibFiles().map((f) => [f.fileName, f.text]));
  const folder = join(serverOut, 'dist', 'vendor/typescript-lib');
  await mkdir(folder, { recursive: true });
  const pending = ['lib.es2023.d.ts'];
  const written = new Set();
  while (pending.length > 0) {
    const name = pending.pop();
    if (written.has(name)) continue;
    const text = libs.get(name);
    if (text === undefined) throw new Error(`ts-morph carries no ${name}`);
    written.add(name);
    await writeFile(join(folder, name), text);
    for (const [, lib] of text.matchAll(/<reference lib="([^"]+)"/g)) pending.push(`lib.${lib.toLowerCase()}.d.ts`);
  }
}

/** The runtime's modules as CommonJS, one output per source (server/src/instrument/jest/context-runtime.ts loads them). */
async function bundleRuntimeScripts() {
  const runtimeSrc = join(serverSrc, 'runtime');
  const sources = (await readdir(runtimeSrc, { recursive: true })).filter((file) => file.endsWith('.ts'));
  await build({
    ...common,
    bundle: false,
    entryPoints: sources.map((file) => join(runtimeSrc, file)),
    outbase: runtimeSrc,
    outdir: join(serverOut, 'dist/runtime-cjs'),
    format: 'cjs',
  });
}

async function bundleClient() {
  await build({
    ...common,
    entryPoints: [join(root, 'client/src/extension.ts')],
    outfile: join(dist, 'extension.cjs'),
    format: 'cjs',
    external: ['vscode'],
  });
  // Icons, and anything else the extension loads as a file (webview scripts and styles), as they
  // are; a lint config kept next to a webview script is tooling, not media.
  await cp(join(root, 'client/media'), join(dist, 'media'), { recursive: true, filter: (source) => !basename(source).startsWith('eslint.config.') });
}

await Promise.all([rm(serverOut, { recursive: true, force: true }), rm(join(dist, 'media'), { recursive: true, force: true })]);
await Promise.all([bundleServer(), bundleRuntimeScripts(), bundleClient(), writeTypeCheckerLibs()]);
// Last: it names the build by every code file above.
await writeBuildId(join(serverOut, 'dist'));
