import { fileURLToPath } from 'node:url';

/**
 * The bundled server as the .vsix ships it: client/dist/server (made by scripts/bundle.mjs, run by
 * bundle-once.ts), or, with COWLENS_PACKAGED_SERVER, the same folder unzipped from a .vsix
 * anywhere else, which proves the package needs nothing from the repository.
 */
export const PACKAGED_SERVER = process.env.COWLENS_PACKAGED_SERVER ?? fileURLToPath(new URL('../dist/server/', import.meta.url));
