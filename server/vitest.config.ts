import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'server',
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/build-once.ts'],
    testTimeout: 60_000,
    // Tests of memory behaviour call gc() to see what the collector frees.
    execArgv: ['--expose-gc'],
  },
});
