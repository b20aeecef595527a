import { configDefaults, defineProject } from 'vitest/config';

/** vitest 5, which the vitest 5 runner tests run, needs Node 22.12 or later. */
const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
const runsVitest5 = major > 22 || (major === 22 && minor >= 12);
const VITEST5_TESTS = 'test/cli/vitest5-runner.test.ts';
if (!runsVitest5) console.warn(`server: ${VITEST5_TESTS} left out: vitest 5 needs Node 22.12 or later, and this is Node ${process.versions.node}`);

export default defineProject({
  test: {
    name: 'server',
    include: ['test/**/*.test.ts'],
    exclude: runsVitest5 ? configDefaults.exclude : [...configDefaults.exclude, VITEST5_TESTS],
    globalSetup: ['test/build-once.ts'],
    testTimeout: 60_000,
    // Tests of memory behaviour call gc() to see what the collector frees.
    execArgv: ['--expose-gc'],
  },
});
