/**
 * The file `--require` names in every process of a run (run/node-options.ts), bundled on its own
 * as preload.cjs: it decides, before anything heavy loads, whether this thread needs cowlens's
 * runtime at all. Node runs NODE_OPTIONS's preloads in every thread, and the threads cowlens starts
 * for itself (its module hooks', its transform worker) are on the program's path: the program
 * waits for the hooks' thread to start, and the runtime (preload-runtime.cjs, from register.ts)
 * would cost that thread tens of milliseconds to load, only to see that it is not wanted there.
 */
import { createRequire } from 'node:module';
import * as workerThreads from 'node:worker_threads';
import { skipProgramPreloads } from './own-thread-preloads.js';
import { OWN_THREAD_ENV, readRunConfig } from './run-config.js';

if (process.env[OWN_THREAD_ENV] === '1') skipProgramPreloads();
// Node 22.14+ says which thread is its own hooks' one, whoever started it; Node 20 does not, and
// cowlens marks the one it starts itself.
else if ((workerThreads as { isInternalThread?: boolean }).isInternalThread !== true && readRunConfig(process.env) !== undefined)
  createRequire(import.meta.url)('./preload-runtime.cjs');
