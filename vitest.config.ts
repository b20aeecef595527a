import { defineConfig } from 'vitest/config';

// One `npm test` at the root runs the tests of every workspace that has a vitest config.
export default defineConfig({
  test: {
    projects: ['*/vitest.config.ts'],
  },
});
