/**
 * One session's snapshots in the dashboard (ordered by `snapshot-groups.ts`): the named, final and
 * backup snapshots as a list, the automatic ones behind a disclosure button ("12 automatische
 * Schnappschüsse") that starts closed. Their thumbnails load only once it is opened.
 */
import type { Snapshot } from '@quartierboard/shared'
import { useId, useState } from 'react'
import { downloadUrl } from '../api'
import { fillTemplate } from '../export/template'
import { useLanguage } from '../i18n/language'
import type { Messages } from '../i18n/messages'
import { snapshotRole, type SnapshotGroup, type SnapshotRole } from './snapshot-groups'
import { SnapshotThumbnail } from './SnapshotThumbnail'

const ROLE_LABEL: Record<SnapshotRole, keyof Messages> = {
  auto: 'snapshotKindAuto',
  named: 'snapshotKindNamed',
  final: 'snapshotKindFinal',
  backup: 'snapshotKindBackup',
}

interface SnapshotGroupViewProps {
  workshopId: string
  group: SnapshotGroup
  /** The group's heading when it has no session. */
  looseTitle: string
  busy: boolean
  formatTime: (iso: string) => string
  onRestore: (snapshot: Snapshot) => void
}

export function SnapshotGroupView({ workshopId, group, looseTitle, busy, formatTime, onRestore }: SnapshotGroupViewProps) {
  const { messages } = useLanguage()
  const [open, setOpen] = useState(false)
  const automaticId = useId()
  const count = group.automatic.length
  const item = (snapshot: Snapshot) => (
    <SnapshotItem key={snapshot.id} workshopId={workshopId} snapshot={snapshot} busy={busy} formatTime={formatTime} onRestore={onRestore} />
  )
  return (
    <div className="snapshot-group" data-testid="snapshot-group">
      <h3>
        {group.session?.title ?? looseTitle}
        {group.session && (
          <span className="hint">
            {' '}
            · {formatTime(group.session.startedAt)}
            {group.session.endedAt ? ` – ${formatTime(group.session.endedAt)}` : ''}
          </span>
        )}
      </h3>
      {group.marked.length > 0 && <ul className="snapshot-list">{group.marked.map(item)}</ul>}
      {count > 0 && (
        <>
          <button
            type="button"
            className="secondary snapshot-group__toggle"
            aria-expanded={open}
            aria-controls={automaticId}
            onClick={() => setOpen(!open)}
            data-testid="snapshot-auto-toggle"
          >
            <span aria-hidden="true" className="snapshot-group__chevron">
              {open ? '▾' : '▸'}
            </span>
            {count === 1 ? messages.snapshotAutoCountOne : fillTemplate(messages.snapshotAutoCount, { count })}
          </button>
          <ul id={automaticId} className="snapshot-list snapshot-list--automatic" hidden={!open} data-testid="snapshot-auto-list">
            {open && group.automatic.map(item)}
          </ul>
        </>
      )}
    </div>
  )
}

interface SnapshotItemProps {
  workshopId: string
  snapshot: Snapshot
  busy: boolean
  formatTime: (iso: string) => string
  onRestore: (snapshot: Snapshot) => void
}

function SnapshotItem({ workshopId, snapshot, busy, formatTime, onRestore }: SnapshotItemProps) {
  const { messages } = useLanguage()
  const role = snapshotRole(snapshot)
  const kind = messages[ROLE_LABEL[role]]
  return (
    <li className="snapshot" data-testid="snapshot" data-kind={snapshot.kind} data-role={role} data-id={snapshot.id}>
      <SnapshotThumbnail workshopId={workshopId} snapshotId={snapshot.id} />
      <div className="snapshot__text">
        <strong data-testid="snapshot-title">{snapshot.label || kind}</strong>
        <span className="hint">
          {kind} · {formatTime(snapshot.createdAt)} · {snapshot.shapes} {snapshot.shapes === 1 ? messages.snapshotShape : messages.snapshotShapes}
        </span>
      </div>
      <div className="snapshot__actions">
        <a className="button secondary" href={`/w/${encodeURIComponent(workshopId)}/snapshots/${encodeURIComponent(snapshot.id)}`}>
          {messages.snapshotOpen}
        </a>
        <button type="button" disabled={busy} data-testid="snapshot-restore" onClick={() => onRestore(snapshot)}>
          {messages.snapshotRestore}
        </button>
        <a className="button secondary" href={downloadUrl(workshopId, `/snapshots/${encodeURIComponent(snapshot.id)}?format=tldr`)} download>
          {messages.snapshotDownload}
        </a>
      </div>
    </li>
  )
}
