/**
 * The dashboard's snapshots: take a named one, and every snapshot per session, the ones a person
 * looks for first and the automatic ones collapsed (`snapshot-groups.ts`, `SnapshotGroupView`).
 * After a restore, a confirmation offers "Rückgängig": restoring the backup the restore took.
 */
import type { Session, Snapshot } from '@quartierboard/shared'
import { useState, type FormEvent } from 'react'
import { restoreSnapshot, takeSnapshot } from '../api'
import { useLanguage } from '../i18n/language'
import { useWorkshopTimeZone } from '../i18n/time-zone'
import { groupSnapshots } from './snapshot-groups'
import { SnapshotGroupView } from './SnapshotGroupView'
import { UndoNotice } from './UndoNotice'
import './snapshots.css'

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
  /** The last restore's backup, offered for undo until the next restore. */
  const [undo, setUndo] = useState<Snapshot | null>(null)
  const timeZone = useWorkshopTimeZone()
  const locale = language === 'de' ? 'de-DE' : 'en-GB'
  // In the workshop's time zone, as the results record and the replay show times.
  const formatTime = (iso: string) => new Date(iso).toLocaleString(locale, { dateStyle: 'short', timeStyle: 'short', timeZone })

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

  function onTake(event: FormEvent) {
    event.preventDefault()
    void run(async () => {
      await takeSnapshot(workshopId, label.trim())
      setLabel('')
    })
  }

  function onRestore(snapshot: Snapshot) {
    if (!window.confirm(messages.snapshotRestoreConfirm)) return
    void run(async () => {
      const { backup } = await restoreSnapshot(workshopId, snapshot.id, messages.snapshotBackupLabel)
      setUndo(backup)
    })
  }

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
      {undo && <UndoNotice key={undo.id} workshopId={workshopId} text={messages.snapshotRestored} backup={undo} onUndone={onChanged} />}
      {snapshots.length === 0 && <p className="hint">{messages.snapshotNone}</p>}
      {groupSnapshots(sessions, snapshots).map((group) => (
        <SnapshotGroupView
          key={group.key}
          workshopId={workshopId}
          group={group}
          looseTitle={messages.snapshotWithoutSession}
          busy={busy}
          formatTime={formatTime}
          onRestore={onRestore}
        />
      ))}
    </section>
  )
}
