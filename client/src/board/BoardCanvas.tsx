/** The live board: tldraw bound to the workshop's doc, with status bar and participant list. */
import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite'
import { Tldraw, createTLStore, defaultBindingUtils, defaultShapeUtils, type Editor } from '@tldraw/tldraw'
import '@tldraw/tldraw/tldraw.css'
import type { BindingMode, Workshop } from '@quartierboard/shared'
import { useEffect, useRef, useState } from 'react'
import { pageToken } from '../api'
import { useLanguage } from '../i18n/language'
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
  workshop: Workshop
  identity: Identity & { name: string }
  licenseKey: string | null
}

export function BoardCanvas({ workshop, identity, licenseKey }: BoardCanvasProps) {
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

  useEffect(() => currentUser.setLocale(language), [currentUser, language])

  useEffect(() => {
    const opened = connectBoard(workshop.id, store, currentUser.presenceUser, pageToken(), {
      onReady: () => setReady(true),
      onSaveState: setSaveState,
      onMode: setMode,
    })
    setConnection(opened)
    return () => opened.dispose()
  }, [workshop.id, store, currentUser])

  useEffect(() => {
    editorRef.current?.updateInstanceState({ isReadonly: mode === 'readonly' })
  }, [mode])

  const onMount = (editor: Editor) => {
    editorRef.current = editor
    window.quartierboard = { editor }
    editor.updateInstanceState({ isReadonly: mode === 'readonly' })
  }

  return (
    <div className="board">
      <StatusBar title={workshop.title} saveState={saveState} />
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
