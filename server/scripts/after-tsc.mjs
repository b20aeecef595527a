/**
 * What `npm run build` makes after `tsc -b`, and the tests' build (server/test/build-once.ts) too:
 * the files the CLI runs that tsc does not write, then the build id of them all.
 */
import { join } from 'node:path';
import { writeBuildId } from './build-id.mjs';

await import('./bundle-preload.mjs');
await import('./compile-report-schema.mjs');
await import('./bundle-cli.mjs');
await writeBuildId(join(import.meta.dirname, '../dist'));
