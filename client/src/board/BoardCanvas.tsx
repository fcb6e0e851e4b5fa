/**
 * The live board: tldraw bound to the workshop's doc, with status bar and participant list.
 * Reviewers get a read-only canvas (the server drops their edits anyway); facilitators get a link
 * to their dashboard.
 */
import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite'
import { Tldraw, createTLStore, defaultBindingUtils, defaultShapeUtils, type Editor } from '@tldraw/tldraw'
import '@tldraw/tldraw/tldraw.css'
import { CloseCode, can, type BindingMode, type GetWorkshopResponse } from '@quartierboard/shared'
import { useEffect, useRef, useState } from 'react'
import { workshopToken } from '../access/workshop-token'
import { useLanguage } from '../i18n/language'
import type { Messages } from '../i18n/messages'
import { workshopAssetStore } from './asset-store'
import { connectBoard, type BoardConnection } from './connect-board'
import { createCurrentUser } from './current-user'
import type { Identity } from './identity'
import { ParticipantList } from './ParticipantList'
import type { SaveState } from './save-status'
import { StatusBar } from './StatusBar'

// tldraw's fonts, icons and translations, bundled by Vite and served by our own server.
const assetUrls = getAssetUrlsByImport()

declare global {
  interface Window {
    /** The running editor, for browser tests and debugging in the console. */
    quartierboard?: { editor: Editor }
  }
}

interface BoardCanvasProps {
  workshop: GetWorkshopResponse
  identity: Identity & { name: string }
  licenseKey: string | null
  /** The server refused this browser for good (link replaced, workshop deleted). */
  onAccessLost: (message: keyof Messages) => void
}

/** The message for a close code the server sends when it will not take the socket back. */
export function messageForRefusal(code: number): keyof Messages {
  switch (code) {
    case CloseCode.Unauthorized:
      return 'accessInvalidToken'
    case CloseCode.Forbidden:
      return 'accessForeignToken'
    case CloseCode.NotFound:
      return 'boardNotFound'
    default:
      return 'boardConnectionRefused'
  }
}

export function BoardCanvas({ workshop, identity, licenseKey, onAccessLost }: BoardCanvasProps) {
  const { language, messages } = useLanguage()
  const [currentUser] = useState(() => createCurrentUser(identity, language))
  const [store] = useState(() =>
    createTLStore({ shapeUtils: defaultShapeUtils, bindingUtils: defaultBindingUtils, assets: workshopAssetStore(workshop.id) }),
  )
  const [connection, setConnection] = useState<BoardConnection | null>(null)
  const [ready, setReady] = useState(false)
  const [saveState, setSaveState] = useState<SaveState>('connecting')
  const [mode, setMode] = useState<BindingMode>('readwrite')
  const editorRef = useRef<Editor | null>(null)
  const onAccessLostRef = useRef(onAccessLost)
  onAccessLostRef.current = onAccessLost
  const mayEdit = can(workshop.role, 'edit')
  const readOnly = mode === 'readonly' || !mayEdit

  useEffect(() => {
    currentUser.setLocale(language)
  }, [currentUser, language])

  useEffect(() => {
    const opened = connectBoard(workshop.id, store, currentUser.presenceUser, workshopToken(workshop.id), {
      onReady: () => setReady(true),
      onSaveState: setSaveState,
      onMode: setMode,
      onRefused: (code) => onAccessLostRef.current(messageForRefusal(code)),
    })
    setConnection(opened)
    return () => opened.dispose()
  }, [workshop.id, store, currentUser])

  useEffect(() => {
    editorRef.current?.updateInstanceState({ isReadonly: readOnly })
  }, [readOnly])

  const onMount = (editor: Editor) => {
    editorRef.current = editor
    window.quartierboard = { editor }
    editor.updateInstanceState({ isReadonly: readOnly })
  }

  return (
    <div className="board" data-role={workshop.role}>
      <StatusBar title={workshop.title} saveState={mayEdit ? saveState : null} role={workshop.role} workshopId={workshop.id} session={workshop.runningSession} />
      <div className="board__canvas">
        {ready ? (
          <Tldraw store={store} user={currentUser.tldrawUser} assetUrls={assetUrls} licenseKey={licenseKey ?? undefined} onMount={onMount} />
        ) : (
          <div className="centered">{messages.boardLoading}</div>
        )}
        {connection && <ParticipantList provider={connection.provider} />}
        {mode === 'readonly' && (
          <div className="banner" role="alert">
            {messages.boardReadonlyNewer} <button onClick={() => location.reload()}>{messages.boardReload}</button>
          </div>
        )}
      </div>
    </div>
  )
}
