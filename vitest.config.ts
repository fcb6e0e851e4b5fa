import { defineConfig } from 'vitest/config'

// Unit and integration tests of every package; browser tests live in e2e/ and run with Playwright.
// The `source` export condition points workspace packages at their TypeScript sources.
export default defineConfig({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'] } },
  test: {
    include: ['shared/src/**/*.test.ts', 'server/src/**/*.test.ts', 'client/src/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
})
