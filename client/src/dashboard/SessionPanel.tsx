/** Start and end sessions; while one runs, a banner with its elapsed time. */
import type { Session } from '@quartierboard/shared'
import { useEffect, useState, type FormEvent } from 'react'
import { endSession, startSession } from '../api'
import { useLanguage } from '../i18n/language'

interface SessionPanelProps {
  workshopId: string
  running: Session | null
  onChanged: () => void
  onError: (error: unknown) => void
}

/** "1:05:09" or "5:09": elapsed time since `startedAt`. */
export function formatElapsed(milliseconds: number): string {
  const total = Math.max(0, Math.floor(milliseconds / 1000))
  const hours = Math.floor(total / 3600)
  const minutes = Math.floor((total % 3600) / 60)
  const seconds = total % 60
  const two = (value: number) => String(value).padStart(2, '0')
  return hours > 0 ? `${hours}:${two(minutes)}:${two(seconds)}` : `${minutes}:${two(seconds)}`
}

export function SessionPanel({ workshopId, running, onChanged, onError }: SessionPanelProps) {
  const { language, messages } = useLanguage()
  const [title, setTitle] = useState(() => `${messages.sessionTitleDefault} ${new Date().toLocaleDateString(language === 'de' ? 'de-DE' : 'en-GB')}`)
  const [busy, setBusy] = useState(false)
  const [now, setNow] = useState(Date.now)

  useEffect(() => {
    if (!running) return
    const timer = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(timer)
  }, [running])

  async function run(action: () => Promise<unknown>) {
    setBusy(true)
    try {
      await action()
      onChanged()
    } catch (error) {
      onError(error)
    } finally {
      setBusy(false)
    }
  }

  function onStart(event: FormEvent) {
    event.preventDefault()
    void run(() => startSession(workshopId, title.trim()))
  }

  return (
    <section className="card dashboard__section" aria-labelledby="session-heading">
      <h2 id="session-heading">{messages.sessionsHeading}</h2>
      {running ? (
        <div className="session-banner" data-testid="session-banner" role="status">
          <div>
            <strong>{running.title}</strong> · {messages.sessionElapsed}{' '}
            <span data-testid="session-elapsed">{formatElapsed(now - Date.parse(running.startedAt))}</span>
          </div>
          <button
            type="button"
            disabled={busy}
            data-testid="session-end"
            onClick={() => window.confirm(messages.sessionEndConfirm) && void run(() => endSession(workshopId, running.id))}
          >
            {messages.sessionEnd}
          </button>
        </div>
      ) : (
        <form onSubmit={onStart} className="inline-form">
          <p className="hint">{messages.sessionNone}</p>
          <label htmlFor="session-title">{messages.sessionTitleLabel}</label>
          <input id="session-title" data-testid="session-title" value={title} maxLength={200} required onChange={(event) => setTitle(event.target.value)} />
          <button type="submit" disabled={busy || title.trim() === ''} data-testid="session-start">
            {messages.sessionStart}
          </button>
        </form>
      )}
    </section>
  )
}
