// A CommonJS package (no "type": "module"): vite bundles this file and compiles the bundle itself.
import { defineConfig } from 'vitest/config';
import { shared } from './vitest.shared';

export default defineConfig({ test: { ...shared, include: ['test/**/*.test.ts'] } });
