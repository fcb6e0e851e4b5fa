/** `/w/:workshopId/snapshots/:snapshotId`: one snapshot on a read-only canvas. */
import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite'
import { Tldraw, type Editor, type TLRecord, type TLStoreSnapshot } from '@tldraw/tldraw'
import '@tldraw/tldraw/tldraw.css'
import { useEffect, useState } from 'react'
import { captureLinkToken } from '../access/workshop-token'
import { getSnapshotFile } from '../api'
import { AccessProblem } from '../board/AccessProblem'
import { messageForApiError } from '../board/BoardPage'
import { LanguageSwitch, useLanguage } from '../i18n/language'
import type { Messages } from '../i18n/messages'

const assetUrls = getAssetUrlsByImport()

type State = { kind: 'loading' } | { kind: 'problem'; message: keyof Messages } | { kind: 'ready'; snapshot: TLStoreSnapshot }

export function SnapshotViewer({ workshopId, snapshotId }: { workshopId: string; snapshotId: string }) {
  const { messages } = useLanguage()
  const [state, setState] = useState<State>({ kind: 'loading' })

  useEffect(() => {
    captureLinkToken(workshopId)
    getSnapshotFile(workshopId, snapshotId)
      .then((file) => {
        const records = file.records as unknown as TLRecord[]
        const snapshot = { schema: file.schema, store: Object.fromEntries(records.map((record) => [record.id, record])) } as TLStoreSnapshot
        setState({ kind: 'ready', snapshot })
      })
      .catch((error: unknown) => setState({ kind: 'problem', message: messageForApiError(error) ?? 'errorGeneric' }))
  }, [workshopId, snapshotId])

  if (state.kind === 'problem') return <AccessProblem message={state.message} />
  if (state.kind === 'loading') return <main className="centered">{messages.boardLoading}</main>
  const onMount = (editor: Editor) => {
    editor.updateInstanceState({ isReadonly: true })
    editor.zoomToFit()
    window.quartierboard = { editor }
  }
  return (
    <div className="board">
      <header className="status-bar">
        <strong className="status-bar__title">{messages.snapshotViewerHeading}</strong>
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
