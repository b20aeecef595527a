/**
 * The cowlens runtime: loaded into the user's process, so it imports nothing but Node built-ins.
 * `createRuntime` is what instrumented code calls through; `cow`, `snapshot` and `toPlain` are the
 * public copy-on-write API.
 */
export type { CowlensRuntime, RunMode } from './api.js';
export { COPY_KINDS, type CopyKind, isDeepKind } from './copy-kinds.js';
export { createRuntime, type RuntimeHandle, type RuntimeOptions } from './create-runtime.js';
export { cow, isCow, snapshot, toPlain } from './cow/library.js';
export type * from './figures/types.js';
export { patchCloneGlobals } from './patch-clone-globals.js';
export { patchFunctionToString, standsFor } from './function-source.js';
