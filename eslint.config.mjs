import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  // Benchmark programs are texts the benchmark compiles as function bodies, not modules.
  { ignores: ['**/dist/**', '**/node_modules/**', 'test-fixtures/**', '.bench/**', 'server/bench/programs/**'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: {
          allowDefaultProject: ['*.mjs', '*.ts', 'server/bin/*.js'],
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
  },
  {
    rules: {
      // noUncheckedIndexedAccess types every index as possibly undefined; after a bounds check
      // a non-null assertion is the honest way to say so.
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // Destructuring a key away, or a parameter a signature requires, names it with a leading underscore.
      '@typescript-eslint/no-unused-vars': ['error', { varsIgnorePattern: '^_', argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.mjs', 'server/bin/*.js', 'client/media/**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
  // The webview's script runs in the browser as a classic script, with no build step.
  {
    files: ['client/media/**/*.js'],
    languageOptions: { sourceType: 'script', globals: { ...globals.browser, acquireVsCodeApi: 'readonly' } },
  },
  // The end-to-end script runs in Node and hands functions to the browser page to evaluate.
  {
    files: ['client/test/e2e/**/*.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
