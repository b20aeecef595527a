/**
 * @babel/register keeps what it compiled in a file on disk (BABEL_CACHE_PATH, by default under
 * node_modules/.cache), and finds an entry again by the module's name and modification time, not
 * by its text. Registered after cowlens's hook (`require('@babel/register')` in the program), it
 * compiles the text cowlens instrumented: a later plain run would take that from the cache and
 * fail for want of the runtime, and a run of cowlens after a plain one would take the plain text
 * and report no copy site. The processes of a run keep their own cache in the run's spool folder,
 * which goes with the run. A cache turned off (BABEL_DISABLE_CACHE) stays off.
 */
import { join } from 'node:path';

export function keepBabelRegisterCacheInRun(spool: string): void {
  process.env.BABEL_CACHE_PATH = join(spool, 'babel-register-cache.json');
}
