/**
 * SIGINT and SIGTERM end a Node process without its 'exit' event, so the last figures would be
 * lost. On such a signal, flush; then, if the program has no handler of its own, end the process
 * by the same signal so that its exit status is what it would have been.
 */
export function flushOnTermination(flush: () => void): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    const onSignal = (): void => {
      flush();
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    };
    process.once(signal, onSignal);
  }
}
