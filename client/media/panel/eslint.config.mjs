import js from '@eslint/js';

// The webview's script runs in the browser as a classic script with no build step, outside any
// TypeScript project, so the root config's type-checked rules cannot parse it: ESLint finds this
// config first for the files here (configs are looked up from each file's folder).
export default [
  js.configs.recommended,
  {
    files: ['**/*.js'],
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'script',
      globals: { acquireVsCodeApi: 'readonly', window: 'readonly', document: 'readonly' },
    },
  },
];
