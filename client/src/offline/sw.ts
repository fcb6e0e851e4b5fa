/// <reference lib="webworker" />
/**
 * The service worker: an app shell, so a board this browser opened before opens again without a
 * network (its records come from IndexedDB, see board/connect-board.ts).
 *
 * - Precache (Workbox, manifest injected by vite-plugin-pwa at build time): index.html, the hashed
 *   script and style, tldraw's fonts and icon sprite and its German and English translations. Hashed
 *   files are served from the precache; they never change under their name.
 * - Navigations to `/` and `/w/...` go to the network first; only when the network fails (a fetch
 *   that rejects, not an HTTP error) does the cached index.html answer. Online, everyone gets the
 *   server's current index.html.
 * - Nothing else is cached or answered here: API answers, link tokens, `/sync`, `/healthz`,
 *   `/metrics` and uploaded images go to the network as if there were no service worker.
 * - A new version waits until the page asks it to take over (`SKIP_WAITING`, sent when the person
 *   clicks "Neue Version verfügbar – neu laden"); it never replaces the old one under an open board.
 */
import { clientsClaim } from 'workbox-core'
import { cleanupOutdatedCaches, matchPrecache, precacheAndRoute, type PrecacheEntry } from 'workbox-precaching'
import { NavigationRoute, registerRoute } from 'workbox-routing'
import { NetworkOnly } from 'workbox-strategies'

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<PrecacheEntry | string> }

const APP_SHELL = 'index.html'

/** Client routes whose navigations may fall back to the app shell (the lobby and everything under a workshop). */
const APP_ROUTES = [/^\/$/, /^\/w\//]

// No directory index and no clean URLs: `/` must not be answered from the precache while online.
precacheAndRoute(self.__WB_MANIFEST, { directoryIndex: '', cleanURLs: false })
cleanupOutdatedCaches()

const network = new NetworkOnly()
registerRoute(
  new NavigationRoute(
    async (options) => {
      try {
        return await network.handle(options)
      } catch (error) {
        // Offline (or the server is unreachable): the app opens from the shell and reads IndexedDB.
        const shell = await matchPrecache(APP_SHELL)
        if (shell) return shell
        throw error
      }
    },
    { allowlist: APP_ROUTES },
  ),
)

self.addEventListener('message', (event: ExtendableMessageEvent) => {
  const data: unknown = event.data
  if (typeof data === 'object' && data !== null && 'type' in data && data.type === 'SKIP_WAITING') {
    event.waitUntil(self.skipWaiting())
  }
})

// The first version takes the open page at once (nothing older runs there); later versions only
// activate after SKIP_WAITING or once no tab uses the old one, so claiming then changes nothing unasked.
clientsClaim()
