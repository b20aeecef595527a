/**
 * The threads cowlens starts for itself (its module hooks', its transform worker) inherit
 * NODE_OPTIONS, and with them cowlens's preload: the marker, seen only by the thread started here,
 * tells the preload not to run the runtime there, nor the program's own preloads.
 *
 * Starting a thread also queues callbacks of Node's own with `process.nextTick` (the thread's
 * stdout and stderr pipes, the `worker` event). Left in the tick queue while a module of the
 * program loads, they would have the program's next microtasks run from that queue, and its async
 * stack traces end in `processTicksAndRejections`, as plain Node's do not. They concern only
 * cowlens's thread, and run as soon as it has started instead. The thread's pipes into the
 * process's stdout and stderr leave no listener there (own-thread-stdio.ts).
 */
import { withoutStdioListeners } from './own-thread-stdio.js';
import { OWN_THREAD_ENV } from './run-config.js';

type NextTick = (callback: (...args: unknown[]) => void, ...args: unknown[]) => void;

export function startOwnThread<T>(start: () => T): T {
  const holder = process as unknown as { nextTick: NextTick };
  const nextTick = holder.nextTick;
  const queued: (() => void)[] = [];
  holder.nextTick = (callback, ...args) => {
    queued.push(() => {
      callback(...args);
    });
  };
  process.env[OWN_THREAD_ENV] = '1';
  try {
    return withoutStdioListeners(start);
  } finally {
    Reflect.deleteProperty(process.env, OWN_THREAD_ENV);
    holder.nextTick = nextTick;
    for (const run of queued) run();
  }
}
