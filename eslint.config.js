// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// Bare module names go in `paths` (a `patterns` entry such as 'util' would also match '../util/x').
const nodeBuiltins = ['fs', 'path', 'os', 'http', 'https', 'crypto', 'child_process', 'stream', 'url', 'util'];

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', 'release/', 'coverage/', 'docs/*.json'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // shared/ is pure: no Node, no Electron, no DOM frameworks.
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [...nodeBuiltins, 'electron', 'react', 'react-dom'], patterns: ['node:*', '@xyflow/*'] }],
    },
  },
  {
    // The engine, host and CLI run in plain Node and inside the main process alike: never electron.
    files: ['electron/engine/**/*.ts', 'electron/host/**/*.ts', 'electron/cli/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: ['electron'] }] },
  },
  {
    // The canvas benchmark's bare page runs in the browser.
    files: ['bench/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    // The renderer talks to the main process only through the contract: no Node.
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { paths: [...nodeBuiltins, 'electron'], patterns: ['node:*'] }],
    },
  },
);
