/**
 * Playwright fixtures: a real server per test file (`server`), and a guard that fails a test when
 * a page requests anything from a host other than our own (the app must be self-contained) or
 * throws an uncaught error.
 */
import { test as base, expect, type BrowserContext, type BrowserContextOptions, type Page } from '@playwright/test'
import { NetworkLink } from './network-link.js'
import { ServerProcess } from './server-process.js'

interface WorkerFixtures {
  server: ServerProcess
}

interface TestFixtures {
  /** Records requests to other hosts in every context the test opens. */
  foreignRequests: string[]
  /** Opens another browser context (another participant, optionally a phone or tablet) guarded the same way. */
  newParticipant: (options?: BrowserContextOptions) => Promise<BrowserContext>
  /** Opens a network link to the server that the test can drop (see network-link.ts); closed after the test. */
  networkLink: () => Promise<NetworkLink>
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  server: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads fixture dependencies from this pattern; it must be an object pattern
    async ({}, use) => {
      const server = new ServerProcess()
      await server.start()
      await use(server)
      await server.stop('SIGTERM')
    },
    { scope: 'worker' },
  ],
  // Automatic: every test fails when any of its pages asks another host for anything.
  foreignRequests: [
    async ({ context, server }, use) => {
      const foreign: string[] = []
      guard(context, server, foreign)
      await use(foreign)
      expect(foreign, 'requests to hosts other than our server, or page errors').toEqual([])
    },
    { auto: true },
  ],
  networkLink: async ({ server }, use) => {
    const opened: NetworkLink[] = []
    await use(async () => {
      const link = await NetworkLink.open(server.port)
      server.alsoReachableAt.add(new URL(link.url).host)
      opened.push(link)
      return link
    })
    for (const link of opened) {
      server.alsoReachableAt.delete(new URL(link.url).host)
      await link.close()
    }
  },
  newParticipant: async ({ browser, server, foreignRequests }, use) => {
    const opened: BrowserContext[] = []
    await use(async (options?: BrowserContextOptions) => {
      const context = await browser.newContext(options)
      guard(context, server, foreignRequests)
      opened.push(context)
      return context
    })
    for (const context of opened) await context.close()
  },
})

function guard(context: BrowserContext, server: ServerProcess, foreign: string[]): void {
  // An uncaught error in any page fails the test too (it lands in the same list).
  const watchErrors = (page: Page) => page.on('pageerror', (error) => foreign.push(`page error: ${error.message}`))
  context.pages().forEach(watchErrors)
  context.on('page', watchErrors)
  context.on('request', (request) => {
    const url = new URL(request.url())
    if (url.protocol === 'data:' || url.protocol === 'blob:') return
    if (url.host !== new URL(server.url).host && !server.alsoReachableAt.has(url.host)) foreign.push(request.url())
  })
}

export { expect }
