/**
 * One of the oracle's threads: asks for files, checks each, answers with the results and asks
 * again, until told there are no more.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { type CheckOptions, checkFile, type FileResult } from './check-file.js';

export type ToWorker = { readonly files: readonly string[] } | { readonly done: true };
export interface FromWorker {
  readonly results: readonly FileResult[];
}

const port = parentPort;
const options = workerData as CheckOptions;
if (port === null) throw new Error('oracle-worker runs as a worker thread');

port.on('message', (message: ToWorker) => {
  if ('done' in message) {
    port.close();
    return;
  }
  const answer: FromWorker = { results: message.files.map(checkOne) };
  port.postMessage(answer);
});
const ready: FromWorker = { results: [] };
port.postMessage(ready);

function checkOne(file: string): FileResult {
  try {
    return checkFile(file, options);
  } catch (error) {
    // Not the instrumenter's (checkFile catches its exceptions): the oracle's own, still a finding.
    return { status: 'error', file, message: `oracle: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}` };
  }
}
