/**
 * What `npm run build` makes after `tsc -b`, and the tests' build (server/test/build-once.ts) too:
 * the files the CLI runs that tsc does not write.
 */
await import('./bundle-preload.mjs');
await import('./compile-report-schema.mjs');
