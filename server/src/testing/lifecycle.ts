/**
 * Test support: servers and providers a test opens are closed after it, newest first. Call
 * `testLifecycle()` once at the top of a test file.
 */
import { afterEach } from 'vitest'
import type * as Y from 'yjs'
import type { WebsocketProvider } from 'y-websocket'
import type { Role } from '@quartierboard/shared'
import type { ServerConfig } from '../config.js'
import { connectProvider, startTestServer, type CreatedWorkshop, type RunningServer } from './test-server.js'

export interface TestLifecycle {
  /** Runs `cleanup` after the current test. */
  later(cleanup: () => Promise<void> | void): void
  /** An in-process server on a free port, closed after the test. */
  server(overrides?: Partial<ServerConfig>): Promise<RunningServer>
  /** A stock provider with the token of `role`, destroyed after the test. */
  provider(wsUrl: string, workshop: CreatedWorkshop, doc?: Y.Doc, role?: Role): WebsocketProvider
}

export function testLifecycle(): TestLifecycle {
  const cleanups: Array<() => Promise<void> | void> = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  })
  const later = (cleanup: () => Promise<void> | void) => void cleanups.push(cleanup)
  return {
    later,
    async server(overrides = {}) {
      const running = await startTestServer(overrides)
      later(() => running.server.close())
      return running
    },
    provider(wsUrl, workshop, doc, role = 'participant') {
      const created = connectProvider(wsUrl, workshop, doc, role)
      later(() => created.destroy())
      return created
    },
  }
}
