import { defineConfig } from '@playwright/test'

/**
 * Browser tests in real Chromium (Debian's package at /usr/bin/chromium, or CHROMIUM_PATH) against
 * the built client served by the real server, started per test file by the fixtures in support/.
 */
export default defineConfig({
  testDir: './tests',
  outputDir: '../test-results/e2e-artifacts',
  workers: 1,
  fullyParallel: false,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: '../test-results/playwright.json' }]],
  use: {
    browserName: 'chromium',
    viewport: { width: 1280, height: 800 },
    locale: 'de-DE',
    screenshot: 'on',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
})
