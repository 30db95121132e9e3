import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'e2e/vscode-server/**', 'out/**', '*.vsix'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-control-regex': 'off',
    },
  },
  {
    // The core is the engine shared by the CLI, the extension and the webview: it must run anywhere,
    // so it may import neither the editor API nor Node's I/O.
    files: ['src/core/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-imports': ['error', {
        paths: ['vscode', 'fs', 'path', 'os', 'worker_threads', 'child_process', 'stream', 'readline'].map((name) => ({
          name, message: 'src/core stays pure: no editor API and no Node I/O.',
        })),
        patterns: [{ group: ['node:*'], message: 'src/core stays pure: no node:* imports.' }],
      }],
    },
  },
);
