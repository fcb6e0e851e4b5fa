/**
 * The confirmation after a change of the whole board (a restore, a replacing import), with a
 * one-click "Rückgängig". Every such change first snapshots the board as it was (the backup the
 * server names in its answer); undoing restores that backup. That restore takes a backup of its
 * own ("Vor dem Rückgängigmachen"), so an undo by mistake can be taken back from the list too.
 */
import type { Snapshot } from '@quartierboard/shared'
import { useEffect, useRef, useState } from 'react'
import { restoreSnapshot } from '../api'
import { fillTemplate } from '../export/template'
import { useLanguage } from '../i18n/language'

interface UndoNoticeProps {
  workshopId: string
  /** What happened ("Stand wiederhergestellt. …"). */
  text: string
  /** The snapshot of the board just before the change. */
  backup: Snapshot
  /** After the board is back (reload the snapshot list). */
  onUndone?: () => void
}

type UndoState = { kind: 'offered' } | { kind: 'busy' } | { kind: 'undone' } | { kind: 'failed'; reason: string }

export function UndoNotice({ workshopId, text, backup, onUndone }: UndoNoticeProps) {
  const { messages } = useLanguage()
  const [state, setState] = useState<UndoState>({ kind: 'offered' })
  const box = useRef<HTMLDivElement>(null)
  // The change was started further down a long list: bring the offer to undo it into view. (A
  // block body: newer Chromium returns a promise from scrollIntoView, which React would take for a cleanup.)
  useEffect(() => {
    void box.current?.scrollIntoView({ block: 'nearest' })
  }, [])

  async function undo() {
    setState({ kind: 'busy' })
    try {
      await restoreSnapshot(workshopId, backup.id, messages.snapshotUndoBackupLabel)
      setState({ kind: 'undone' })
      onUndone?.()
    } catch (failure) {
      setState({ kind: 'failed', reason: failure instanceof Error ? failure.message : messages.errorGeneric })
    }
  }

  if (state.kind === 'undone') {
    return (
      <p role="status" className="notice undo-notice" data-testid="undo-notice" data-state="undone">
        {messages.snapshotUndone}
      </p>
    )
  }
  return (
    <div ref={box} role="status" className="notice undo-notice" data-testid="undo-notice" data-state={state.kind}>
      <span>{text}</span>
      <button type="button" className="secondary" disabled={state.kind === 'busy'} onClick={() => void undo()} data-testid="undo-button">
        {state.kind === 'busy' ? messages.snapshotUndoBusy : messages.snapshotUndo}
      </button>
      {state.kind === 'failed' && (
        <span className="error" role="alert">
          {fillTemplate(messages.snapshotUndoFailed, { reason: state.reason })}
        </span>
      )}
    </div>
  )
}
