import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'client',
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/bundle-once.ts'],
    testTimeout: 60_000,
  },
});
