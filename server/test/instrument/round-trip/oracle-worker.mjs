// Worker threads cannot load TypeScript on Node 20, and a loader given in a worker's execArgv is
// registered too late for its entry point: this entry registers tsx itself, then loads the worker.
import { tsImport } from 'tsx/esm/api';

await tsImport('./oracle-worker.ts', import.meta.url);
