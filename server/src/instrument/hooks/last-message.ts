/**
 * Test runners terminate their worker threads once the work is done, so a thread's 'exit' never
 * comes and its last batch is not marked final. Some say goodbye first: vitest's workers post
 * `{ type: 'stopped' }` after their teardown, the last code that runs in them. The batch flushed
 * before that message is the thread's last.
 */
export function isWorkersLastMessage(message: unknown): boolean {
  if (typeof message !== 'object' || message === null) return false;
  const { type } = message as { type?: unknown };
  return type === 'stopped' && '__vitest_worker_response__' in message;
}
