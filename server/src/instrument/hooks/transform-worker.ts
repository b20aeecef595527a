/**
 * The transformer for CommonJS modules, in a worker thread of its own: `require` must get its
 * code synchronously, and the TypeScript compiler that makes it (about 30 MB of heap) must stay
 * out of the program's heap, whose size cow mode is judged by.
 */
import { runAsWorker } from 'synckit';
import { transformModule } from '../transform-module.js';

runAsWorker((file: string, text: string, instrument: boolean) => Promise.resolve(transformModule(file, text, 'commonjs', instrument)));
