/**
 * `/w/:workshopId`: takes the link's token into storage, loads the workshop and the caller's role,
 * asks for a name once, then shows the live board. When the server is out of reach it opens the
 * local copy with what this browser last knew of the workshop.
 */
import { isValidWorkshopId, type ClientConfig, type GetWorkshopResponse } from '@quartierboard/shared'
import { useEffect, useState } from 'react'
import { captureLinkToken } from '../access/workshop-token'
import { ApiRequestError, getClientConfig, getWorkshop } from '../api'
import { useLanguage } from '../i18n/language'
import type { Messages } from '../i18n/messages'
import { AccessProblem } from './AccessProblem'
import { BoardCanvas } from './BoardCanvas'
import { loadIdentity, saveIdentity, type Identity } from './identity'
import { NamePrompt } from './NamePrompt'
import { lastKnownClientConfig, lastKnownWorkshop, rememberClientConfig, rememberWorkshop } from './workshop-cache'

type Loaded =
  | { kind: 'loading' }
  | { kind: 'error'; message: keyof Messages }
  | { kind: 'ready'; workshop: GetWorkshopResponse; licenseKey: string | null }

/** Which message a failed workshop request shows. */
export function messageForApiError(error: unknown): keyof Messages | null {
  if (!(error instanceof ApiRequestError)) return null
  if (error.status === 400) return 'boardInvalidId'
  if (error.status === 401) return error.code === 'missing_token' ? 'accessMissingToken' : 'accessInvalidToken'
  if (error.status === 403) return 'accessForeignToken'
  if (error.status === 404) return 'boardNotFound'
  return null
}

/** The client config from the server, remembered for offline use; the last known one when out of reach. */
async function loadClientConfig(): Promise<ClientConfig> {
  try {
    const config = await getClientConfig()
    rememberClientConfig(config)
    return config
  } catch {
    return lastKnownClientConfig() ?? { tldrawLicenseKey: null }
  }
}

export function BoardPage({ workshopId }: { workshopId: string }) {
  const { messages } = useLanguage()
  const [identity, setIdentity] = useState<Identity>(loadIdentity)
  const [loaded, setLoaded] = useState<Loaded>(() =>
    isValidWorkshopId(workshopId) ? { kind: 'loading' } : { kind: 'error', message: 'boardInvalidId' },
  )

  useEffect(() => {
    if (!isValidWorkshopId(workshopId)) return
    captureLinkToken(workshopId)
    let cancelled = false
    Promise.all([getWorkshop(workshopId), loadClientConfig()])
      .then(([workshop, config]) => {
        rememberWorkshop(workshop)
        if (!cancelled) setLoaded({ kind: 'ready', workshop, licenseKey: config.tldrawLicenseKey })
      })
      .catch((error: unknown) => {
        if (cancelled) return
        const message = messageForApiError(error)
        if (message) return setLoaded({ kind: 'error', message })
        // Out of reach (offline): open the local copy with what we knew of the workshop.
        const known = lastKnownWorkshop(workshopId)
        if (known) setLoaded({ kind: 'ready', workshop: known, licenseKey: lastKnownClientConfig()?.tldrawLicenseKey ?? null })
        else setLoaded({ kind: 'error', message: 'boardUnreachable' })
      })
    return () => {
      cancelled = true
    }
  }, [workshopId])

  if (loaded.kind === 'error') return <AccessProblem message={loaded.message} />
  if (identity.name === null) {
    return (
      <NamePrompt
        onName={(name) => {
          const named = { ...identity, name }
          saveIdentity(named)
          setIdentity(named)
        }}
      />
    )
  }
  if (loaded.kind === 'loading') return <main className="centered">{messages.boardLoading}</main>
  return (
    <BoardCanvas
      workshop={loaded.workshop}
      identity={{ ...identity, name: identity.name }}
      licenseKey={loaded.licenseKey}
      onAccessLost={(message) => setLoaded({ kind: 'error', message })}
    />
  )
}
