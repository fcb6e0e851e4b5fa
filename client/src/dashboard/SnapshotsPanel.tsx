/** Named snapshots on request, and every snapshot per session: thumbnail, open, restore, download. */
import type { Session, Snapshot, SnapshotKind } from '@quartierboard/shared'
import { useState, type FormEvent } from 'react'
import { downloadUrl, restoreSnapshot, takeSnapshot } from '../api'
import { useLanguage } from '../i18n/language'
import type { Messages } from '../i18n/messages'
import { SnapshotThumbnail } from './SnapshotThumbnail'

const KIND_LABEL: Record<SnapshotKind, keyof Messages> = { auto: 'snapshotKindAuto', named: 'snapshotKindNamed', final: 'snapshotKindFinal' }

interface SnapshotsPanelProps {
  workshopId: string
  sessions: Session[]
  snapshots: Snapshot[]
  onChanged: () => void
  onError: (error: unknown) => void
}

export function SnapshotsPanel({ workshopId, sessions, snapshots, onChanged, onError }: SnapshotsPanelProps) {
  const { language, messages } = useLanguage()
  const [label, setLabel] = useState('')
  const [busy, setBusy] = useState(false)
  const [notice, setNotice] = useState<string | null>(null)
  const locale = language === 'de' ? 'de-DE' : 'en-GB'
  const formatTime = (iso: string) => new Date(iso).toLocaleString(locale, { dateStyle: 'short', timeStyle: 'short' })

  async function run(action: () => Promise<unknown>, done?: string) {
    setBusy(true)
    try {
      await action()
      setNotice(done ?? null)
      onChanged()
    } catch (error) {
      onError(error)
    } finally {
      setBusy(false)
    }
  }

  function onTake(event: FormEvent) {
    event.preventDefault()
    void run(async () => {
      await takeSnapshot(workshopId, label.trim())
      setLabel('')
    })
  }

  // Newest session first; snapshots outside sessions last.
  const groups: Array<{ key: string; title: string; session: Session | null; items: Snapshot[] }> = [...sessions]
    .reverse()
    .map((session) => ({ key: session.id, title: session.title, session, items: snapshots.filter((snapshot) => snapshot.sessionId === session.id) }))
  const loose = snapshots.filter((snapshot) => snapshot.sessionId === null)
  if (loose.length > 0) groups.push({ key: 'none', title: messages.snapshotWithoutSession, session: null, items: loose })

  return (
    <section className="card dashboard__section dashboard__section--wide" aria-labelledby="snapshots-heading">
      <h2 id="snapshots-heading">{messages.snapshotsHeading}</h2>
      <form onSubmit={onTake} className="inline-form">
        <label htmlFor="snapshot-label">{messages.snapshotLabelLabel}</label>
        <input
          id="snapshot-label"
          data-testid="snapshot-label"
          value={label}
          maxLength={200}
          placeholder={messages.snapshotLabelPlaceholder}
          onChange={(event) => setLabel(event.target.value)}
        />
        <button type="submit" disabled={busy || label.trim() === ''} data-testid="snapshot-take">
          {messages.snapshotTake}
        </button>
      </form>
      {notice && (
        <p role="status" className="notice">
          {notice}
        </p>
      )}
      {snapshots.length === 0 && <p className="hint">{messages.snapshotNone}</p>}
      {groups
        .filter((group) => group.items.length > 0)
        .map((group) => (
          <div key={group.key} className="snapshot-group" data-testid="snapshot-group">
            <h3>
              {group.title}
              {group.session && (
                <span className="hint">
                  {' '}
                  · {formatTime(group.session.startedAt)}
                  {group.session.endedAt ? ` – ${formatTime(group.session.endedAt)}` : ''}
                </span>
              )}
            </h3>
            <ul className="snapshot-list">
              {[...group.items].reverse().map((snapshot) => (
                <li key={snapshot.id} className="snapshot" data-testid="snapshot" data-kind={snapshot.kind}>
                  <SnapshotThumbnail workshopId={workshopId} snapshotId={snapshot.id} />
                  <div className="snapshot__text">
                    <strong>{snapshot.label || messages[KIND_LABEL[snapshot.kind]]}</strong>
                    <span className="hint">
                      {messages[KIND_LABEL[snapshot.kind]]} · {formatTime(snapshot.createdAt)} · {snapshot.shapes} {snapshot.shapes === 1 ? messages.snapshotShape : messages.snapshotShapes}
                    </span>
                  </div>
                  <div className="snapshot__actions">
                    <a className="button secondary" href={`/w/${encodeURIComponent(workshopId)}/snapshots/${encodeURIComponent(snapshot.id)}`}>
                      {messages.snapshotOpen}
                    </a>
                    <button
                      type="button"
                      disabled={busy}
                      data-testid="snapshot-restore"
                      onClick={() =>
                        window.confirm(messages.snapshotRestoreConfirm) &&
                        void run(() => restoreSnapshot(workshopId, snapshot.id, messages.snapshotBackupLabel), messages.snapshotRestored)
                      }
                    >
                      {messages.snapshotRestore}
                    </button>
                    <a className="button secondary" href={downloadUrl(workshopId, `/snapshots/${encodeURIComponent(snapshot.id)}?format=tldr`)} download>
                      {messages.snapshotDownload}
                    </a>
                  </div>
                </li>
              ))}
            </ul>
          </div>
        ))}
    </section>
  )
}
