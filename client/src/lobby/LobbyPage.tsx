/** The start page: create a workshop, or open one by pasting its link or id. */
import { FIELDS_OF_ACTION, isValidWorkshopId, type FieldOfAction } from '@quartierboard/shared'
import { useState, type FormEvent } from 'react'
import { rememberToken } from '../access/workshop-token'
import { createWorkshop } from '../api'
import { LanguageSwitch, useLanguage } from '../i18n/language'
import { FIELD_LABEL } from '../i18n/fields'

/** The path of a pasted workshop link (`…/w/<id>#token=…`, also its dashboard), token kept; or of a bare id. */
export function boardPathFromInput(input: string): string | null {
  const trimmed = input.trim()
  if (isValidWorkshopId(trimmed)) return `/w/${trimmed}`
  try {
    const url = new URL(trimmed, location.origin)
    const match = /^\/w\/([^/]+)(\/dashboard)?\/?$/.exec(url.pathname)
    if (match && isValidWorkshopId(decodeURIComponent(match[1]!))) return `${url.pathname}${url.search}${url.hash}`
  } catch {
    // not a URL
  }
  return null
}

export function LobbyPage() {
  const { messages } = useLanguage()
  const [title, setTitle] = useState('')
  const [field, setField] = useState<FieldOfAction>('quartiersentwicklung')
  const [link, setLink] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  async function onCreate(event: FormEvent) {
    event.preventDefault()
    setBusy(true)
    setError(null)
    try {
      const workshop = await createWorkshop(title.trim(), field)
      // The creator is the facilitator: the dashboard shows the links to hand out.
      rememberToken(workshop.id, workshop.tokens.facilitator)
      location.assign(`/w/${encodeURIComponent(workshop.id)}/dashboard`)
    } catch {
      setError(messages.errorGeneric)
      setBusy(false)
    }
  }

  function onOpen(event: FormEvent) {
    event.preventDefault()
    const path = boardPathFromInput(link)
    if (path) location.assign(path)
    else setError(messages.lobbyOpenInvalid)
  }

  return (
    <main className="lobby">
      <header className="lobby__header">
        <h1>{messages.appName}</h1>
        <LanguageSwitch />
      </header>
      <p className="lobby__tagline">{messages.lobbyTagline}</p>
      <section className="card">
        <h2>{messages.lobbyCreateHeading}</h2>
        <form onSubmit={onCreate}>
          <label htmlFor="workshop-title">{messages.lobbyTitleLabel}</label>
          <input
            id="workshop-title"
            data-testid="lobby-title-input"
            value={title}
            maxLength={200}
            required
            placeholder={messages.lobbyTitlePlaceholder}
            onChange={(event) => setTitle(event.target.value)}
          />
          <label htmlFor="workshop-field">{messages.lobbyFieldLabel}</label>
          <select id="workshop-field" data-testid="lobby-field" value={field} onChange={(event) => setField(event.target.value as FieldOfAction)}>
            {FIELDS_OF_ACTION.map((option) => (
              <option key={option} value={option}>
                {messages[FIELD_LABEL[option]]}
              </option>
            ))}
          </select>
          <button type="submit" data-testid="lobby-create" disabled={busy || title.trim() === ''}>
            {busy ? messages.lobbyCreating : messages.lobbyCreate}
          </button>
        </form>
      </section>
      <section className="card">
        <h2>{messages.lobbyOpenHeading}</h2>
        <form onSubmit={onOpen}>
          <label htmlFor="workshop-link">{messages.lobbyOpenLabel}</label>
          <input id="workshop-link" data-testid="lobby-open-input" value={link} onChange={(event) => setLink(event.target.value)} />
          <button type="submit" data-testid="lobby-open">
            {messages.lobbyOpen}
          </button>
        </form>
      </section>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </main>
  )
}
