/**
 * The run's preload as CommonJS (`npm run build` makes it after tsc): server/dist/instrument/hooks/
 * preload.cjs, the gate (preload-gate.ts), and preload-runtime.cjs, the runtime and its hooks
 * (register.ts), which the gate loads where they are wanted. `cowlens report` loads the gate with
 * `--require`: an `--import` would make Node load even a CommonJS entry through its ES module
 * loader, whose errors, stack traces and `module` differ from a plain run's (README, How it works).
 * client/scripts/bundle.mjs makes the .vsix's own copies.
 */
import { build } from 'esbuild';
import { join } from 'node:path';
import { MODULE_URL_BANNER, ownImportMetaUrl } from './own-import-meta-url.mjs';

const server = join(import.meta.dirname, '..');
const src = join(server, 'src');

const common = {
  bundle: true,
  // Packages go inside, where Node finds them without walking node_modules (milliseconds of every
  // process's start), but two: synckit's worker preload and its own code must share one instance
  // of its shared module, and pirates's frames, in the stack of every CommonJS module that throws
  // as it loads, keep its own name in node_modules, where tools that hide dependencies' frames (tap) look.
  external: ['synckit', 'pirates'],
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  logLevel: 'warning',
  // Strict, as the ES modules it is made of: esbuild's own directive comes after the banner.
  banner: { js: `'use strict';\n${MODULE_URL_BANNER}` },
  plugins: [ownImportMetaUrl(src)],
};

// What `--require` names: it loads the runtime's bundle only in the threads that want it.
await build({ ...common, entryPoints: [join(src, 'instrument/hooks/preload-gate.ts')], outfile: join(server, 'dist/instrument/hooks/preload.cjs') });
await build({
  ...common,
  entryPoints: [join(src, 'instrument/hooks/register.ts')],
  outfile: join(server, 'dist/instrument/hooks/preload-runtime.cjs'),
  // Mapped to cowlens's TypeScript: the crash monitor names the place in cowlens's source of an
  // error raised inside cowlens, from the map next to the file. Not linked from the file: a
  // coverage tool of the program's (tap's) would follow the link and report cowlens's sources.
  sourcemap: 'external',
  sourcesContent: false,
});
