/**
 * `/w/:workshopId/snapshots/:snapshotId`: one snapshot on a read-only canvas, opened on its first
 * frame in reading order (or its content) at a readable zoom, as the replay opens.
 */
import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite'
import { Tldraw, type Editor, type TLRecord, type TLStoreSnapshot } from '@tldraw/tldraw'
import '@tldraw/tldraw/tldraw.css'
import { useEffect, useRef, useState } from 'react'
import { captureLinkToken } from '../access/workshop-token'
import { getSnapshotFile, listSnapshots } from '../api'
import { ExportMenu } from '../export/ExportMenu'
import { AccessProblem } from '../board/AccessProblem'
import { messageForApiError } from '../board/BoardPage'
import { LanguageSwitch, useLanguage } from '../i18n/language'
import type { Messages } from '../i18n/messages'
import { openReadable } from '../replay/readable-camera'

const assetUrls = getAssetUrlsByImport()

type State =
  | { kind: 'loading' }
  | { kind: 'problem'; message: keyof Messages }
  | { kind: 'ready'; snapshot: TLStoreSnapshot; label: string; takenAt: number | null }

export function SnapshotViewer({ workshopId, snapshotId }: { workshopId: string; snapshotId: string }) {
  const { messages } = useLanguage()
  const [state, setState] = useState<State>({ kind: 'loading' })
  const editorRef = useRef<Editor | null>(null)

  useEffect(() => {
    captureLinkToken(workshopId)
    Promise.all([getSnapshotFile(workshopId, snapshotId), listSnapshots(workshopId)])
      .then(([file, list]) => {
        const records = file.records as unknown as TLRecord[]
        const snapshot = { schema: file.schema, store: Object.fromEntries(records.map((record) => [record.id, record])) } as TLStoreSnapshot
        const listed = list.snapshots.find((candidate) => candidate.id === snapshotId)
        setState({ kind: 'ready', snapshot, label: listed?.label ?? '', takenAt: listed ? Date.parse(listed.createdAt) : null })
      })
      .catch((error: unknown) => setState({ kind: 'problem', message: messageForApiError(error) ?? 'errorGeneric' }))
  }, [workshopId, snapshotId])

  if (state.kind === 'problem') return <AccessProblem message={state.message} />
  if (state.kind === 'loading') return <main className="centered">{messages.boardLoading}</main>
  const onMount = (editor: Editor) => {
    editorRef.current = editor
    editor.updateInstanceState({ isReadonly: true })
    // After layout, so the viewport has its size.
    requestAnimationFrame(() => {
      if (editorRef.current === editor) openReadable(editor)
    })
    window.quartierboard = { editor }
  }
  return (
    <div className="board">
      <header className="status-bar">
        <strong className="status-bar__title">
          {messages.snapshotViewerHeading}
          {state.label && `: ${state.label}`}
        </strong>
        {/* The snapshot's moment: images from this canvas, .tldr and results record from the history then. */}
        <ExportMenu workshopId={workshopId} at={state.takenAt} getEditor={() => editorRef.current} />
        <a className="status-bar__link" href={`/w/${encodeURIComponent(workshopId)}/dashboard`}>
          {messages.dashboardOpen}
        </a>
        <LanguageSwitch />
      </header>
      <div className="board__canvas">
        <Tldraw snapshot={state.snapshot} assetUrls={assetUrls} onMount={onMount} />
      </div>
    </div>
  )
}
