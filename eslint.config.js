// ESLint for the whole workspace (`pnpm lint`, part of `pnpm test:all`). Type errors are tsc's job
// (`pnpm typecheck`); this catches what the compiler lets through: unused code, hook mistakes in
// React components, and markup that keyboard and screen-reader users cannot use.
import { defineConfig } from 'eslint/config'
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import jsxA11y from 'eslint-plugin-jsx-a11y'
import globals from 'globals'

export default defineConfig(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/dev-dist/**',
      '**/.vite/**',
      '**/coverage/**',
      'test-results/**',
      '**/test-results/**',
      '**/playwright-report/**',
      'e2e/artifacts/**',
      'data/**',
      'shared/fixtures/**',
      '**/__golden__/**',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    rules: {
      // The code's conventions: `_next` keeps a parameter a signature needs (express knows error
      // handlers by their four parameters), `{ secret: _secret, ...rest }` leaves a property out.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    files: ['client/**/*.{ts,tsx}'],
    ignores: ['client/src/offline/sw.ts'],
    languageOptions: { globals: globals.browser },
  },
  {
    // The service worker runs in its own global scope, not a window.
    files: ['client/src/offline/sw.ts'],
    languageOptions: { globals: globals.serviceworker },
  },
  {
    files: ['client/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  {
    files: ['client/**/*.tsx'],
    ...jsxA11y.flatConfigs.recommended,
  },
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: globals['shared-node-browser'] },
  },
  {
    files: [
      'server/**/*.ts',
      'e2e/**/*.ts',
      'client/vite.config.ts',
      'vitest.config.ts',
      '.ci/**/*.{js,mjs}',
      'eslint.config.js',
    ],
    languageOptions: { globals: globals.node },
  },
  {
    // Playwright runs the callbacks given to page.evaluate inside the browser.
    files: ['e2e/**/*.ts'],
    languageOptions: { globals: globals.browser },
  },
)
