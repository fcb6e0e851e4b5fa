/**
 * Registers the service worker (client/src/offline/sw.ts) and tracks whether a new version of the
 * app is waiting. A waiting version is never activated unasked: the person sees "Neue Version
 * verfügbar – neu laden" (UpdatePrompt) and decides when; the board's edits are in IndexedDB, so the
 * reload loses nothing. Open tabs also look for a new version every UPDATE_CHECK_INTERVAL_MS, since
 * a three-hour workshop tab never navigates, and when they come back online.
 */
import { registerSW } from 'virtual:pwa-register'

/** How often an open tab asks the server whether a new version exists. */
export const UPDATE_CHECK_INTERVAL_MS = 15 * 60 * 1000

type UpdateState = 'none' | 'waiting' | 'reloading'

let state: UpdateState = 'none'
/** Another tab already took the new version: this tab only needs to reload. */
let activatedElsewhere = false
let activateWaiting: (() => Promise<void>) | null = null
const listeners = new Set<() => void>()

function setState(next: UpdateState): void {
  state = next
  for (const listener of listeners) listener()
}

function noticeWaiting(): void {
  if (state === 'none') setState('waiting')
}

/** Registers the service worker once, when the browser has them and this is a production build. */
export function startServiceWorker(): void {
  if (!('serviceWorker' in navigator) || activateWaiting) return
  // A new version took over this tab: after this tab's click, reload onto it; after another tab's,
  // keep the prompt (its click then only reloads). The first version's claim comes with no prompt
  // and changes nothing. (The plugin's own `controlling` handling misses the tab that installed the
  // first version: it counts as no update there.)
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (state === 'reloading') location.reload()
    else if (state === 'waiting') activatedElsewhere = true
  })
  activateWaiting = registerSW({
    onNeedRefresh: noticeWaiting,
    // Without this the plugin reloads every tab once any tab took the new version; we reload on
    // `controllerchange` (above), and only the tab whose person clicked.
    onNeedReload: () => undefined,
    onRegisteredSW: (_url, registration) => {
      if (!registration) return
      // The plugin misses a version that was still installing when this page registered (the
      // browser's own check at navigation found it): watch the registration too.
      // (A first version also passes through `waiting`, but with nothing active yet: no prompt.)
      const checkWaiting = () => {
        if (registration.waiting && registration.active) noticeWaiting()
      }
      const whenInstalled = () => registration.installing?.addEventListener('statechange', checkWaiting)
      checkWaiting()
      whenInstalled()
      registration.addEventListener('updatefound', whenInstalled)
      // A failed check (offline, server restarting) is retried at the next interval or when back online.
      const checkForUpdate = () => registration.update().catch(() => undefined)
      setInterval(() => {
        if (navigator.onLine) void checkForUpdate()
      }, UPDATE_CHECK_INTERVAL_MS)
      window.addEventListener('online', () => void checkForUpdate())
    },
  })
}

/** Whether a new version waits for the person's click. */
export function updateState(): UpdateState {
  return state
}

export function subscribeToUpdates(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/** Lets the waiting version take over and reloads onto it (skipWaiting, then reload on `controlling`). */
export async function reloadOntoNewVersion(): Promise<void> {
  setState('reloading')
  if (activatedElsewhere || !activateWaiting) {
    location.reload()
    return
  }
  await activateWaiting()
}
