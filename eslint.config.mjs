import js from '@eslint/js';
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
    files: ['**/*.mjs', 'server/bin/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
);
