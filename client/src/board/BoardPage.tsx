/** `/w/:workshopId`: loads the workshop, asks for a name once, then shows the live board. */
import { isValidWorkshopId, type Workshop } from '@quartierboard/shared'
import { useEffect, useState } from 'react'
import { ApiRequestError, getClientConfig, getWorkshop } from '../api'
import { useLanguage } from '../i18n/language'
import type { Messages } from '../i18n/messages'
import { BoardCanvas } from './BoardCanvas'
import { loadIdentity, saveIdentity, type Identity } from './identity'
import { NamePrompt } from './NamePrompt'

type Loaded = { kind: 'loading' } | { kind: 'error'; message: keyof Messages } | { kind: 'ready'; workshop: Workshop; licenseKey: string | null }

export function BoardPage({ workshopId }: { workshopId: string }) {
  const { messages } = useLanguage()
  const [identity, setIdentity] = useState<Identity>(loadIdentity)
  const [loaded, setLoaded] = useState<Loaded>(() =>
    isValidWorkshopId(workshopId) ? { kind: 'loading' } : { kind: 'error', message: 'boardInvalidId' },
  )

  useEffect(() => {
    if (!isValidWorkshopId(workshopId)) return
    let cancelled = false
    Promise.all([getWorkshop(workshopId), getClientConfig().catch(() => ({ tldrawLicenseKey: null }))])
      .then(([workshop, config]) => !cancelled && setLoaded({ kind: 'ready', workshop, licenseKey: config.tldrawLicenseKey }))
      .catch((error: unknown) => {
        if (cancelled) return
        if (error instanceof ApiRequestError && error.status === 404) setLoaded({ kind: 'error', message: 'boardNotFound' })
        else if (error instanceof ApiRequestError && error.status === 400) setLoaded({ kind: 'error', message: 'boardInvalidId' })
        // Out of reach (offline): open the local copy under the id alone.
        else setLoaded({ kind: 'ready', workshop: { id: workshopId, title: '', field: 'other', createdAt: '' }, licenseKey: null })
      })
    return () => {
      cancelled = true
    }
  }, [workshopId])

  if (loaded.kind === 'error') {
    return (
      <main className="centered">
        <div className="card">
          <p role="alert">{messages[loaded.message]}</p>
          <a href="/">{messages.boardBackToLobby}</a>
        </div>
      </main>
    )
  }
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
  return <BoardCanvas workshop={loaded.workshop} identity={{ ...identity, name: identity.name }} licenseKey={loaded.licenseKey} />
}
