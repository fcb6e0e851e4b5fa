/**
 * The live board: tldraw bound to the workshop's doc, with status bar and participant list.
 * Reviewers get a read-only canvas (the server drops their edits anyway); facilitators get a link
 * to their dashboard.
 */
import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite'
import { Tldraw, createTLStore, defaultBindingUtils, defaultShapeUtils, type Editor, type TLComponents, type TLStore } from '@tldraw/tldraw'
import '@tldraw/tldraw/tldraw.css'
import { CloseCode, can, type BindingMode, type GetWorkshopResponse } from '@quartierboard/shared'
import { useCallback, useEffect, useRef, useState } from 'react'
import { workshopToken } from '../access/workshop-token'
import { FacilitationBar } from '../facilitation/FacilitationBar'
import { facilitationApi, type FacilitationApi } from '../facilitation/facilitation-api'
import { PrivateNotesSync } from '../facilitation/private-notes'
import { useServerClockOffset, useServerNow } from '../facilitation/server-clock'
import { useFacilitation } from '../facilitation/use-facilitation'
import { useSummonFollow } from '../facilitation/use-summon'
import { useVoteView } from '../facilitation/use-votes'
import { VoteContext, VoteOverlay } from '../facilitation/VoteOverlay'
import { useLanguage } from '../i18n/language'
import type { Messages } from '../i18n/messages'
import { workshopAssetStore } from './asset-store'
import { connectBoard, type BoardConnection } from './connect-board'
import { createCurrentUser, type CurrentUser } from './current-user'
import type { Identity } from './identity'
import { WorkshopKit } from '../participants/WorkshopKit'
import type { SaveState } from './save-status'
import { StatusBar } from './StatusBar'

// tldraw's fonts, icons and translations, bundled by Vite and served by our own server.
const assetUrls = getAssetUrlsByImport()
/** Our layers on tldraw's canvas (stable object: tldraw remounts components when it changes). */
const components: TLComponents = { InFrontOfTheCanvas: VoteOverlay }

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
    case CloseCode.MessageTooBig:
      return 'boardChangeTooLarge'
    case CloseCode.InvalidUpdate:
      return 'boardChangeRefused'
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
  const [api] = useState(() => facilitationApi(workshop.id))
  const [problem, setProblem] = useState<string | null>(null)
  const reportError = useCallback((error: unknown) => setProblem(error instanceof Error ? error.message : String(error)), [])
  const [privateNotes] = useState(() => new PrivateNotesSync(api, identity.id, reportError))
  const [connection, setConnection] = useState<BoardConnection | null>(null)
  const [ready, setReady] = useState(false)
  const [saveState, setSaveState] = useState<SaveState>('connecting')
  const [mode, setMode] = useState<BindingMode>('readwrite')
  const [editor, setEditor] = useState<Editor | null>(null)
  const onAccessLostRef = useRef(onAccessLost)
  onAccessLostRef.current = onAccessLost
  const mayEdit = can(workshop.role, 'edit')

  useEffect(() => {
    currentUser.setLocale(language)
  }, [currentUser, language])

  useEffect(() => {
    const opened = connectBoard(workshop.id, store, currentUser.presenceUser, workshopToken(workshop.id), {
      onReady: () => setReady(true),
      onSaveState: setSaveState,
      onMode: setMode,
      onRefused: (code) => onAccessLostRef.current(messageForRefusal(code)),
      onPrivateRecords: privateNotes.onPrivateRecords,
      firstPageName: messages.boardFirstPageName,
    })
    setConnection(opened)
    return () => opened.dispose()
  }, [workshop.id, store, currentUser, privateNotes])

  useEffect(() => {
    if (!ready || !mayEdit) return
    privateNotes.restore(store).catch(() => undefined) // offline: they come back next time
    return () => privateNotes.dispose()
  }, [ready, mayEdit, privateNotes, store])

  return (
    <div className="board" data-role={workshop.role}>
      <StatusBar title={workshop.title} saveState={mayEdit ? saveState : null} role={workshop.role} workshopId={workshop.id} session={workshop.runningSession} />
      {connection && ready ? (
        <LiveBoard
          workshop={workshop}
          connection={connection}
          store={store}
          currentUser={currentUser}
          licenseKey={licenseKey}
          readOnlyBinding={mode === 'readonly'}
          api={api}
          privateNotes={privateNotes}
          editor={editor}
          onEditor={setEditor}
          onError={reportError}
        />
      ) : (
        <div className="board__canvas">
          <div className="centered">{messages.boardLoading}</div>
        </div>
      )}
      {problem && (
        <div className="toast" role="alert" data-testid="board-problem">
          {problem} <button onClick={() => setProblem(null)}>×</button>
        </div>
      )}
    </div>
  )
}

interface LiveBoardProps {
  workshop: GetWorkshopResponse
  connection: BoardConnection
  store: TLStore
  currentUser: CurrentUser
  licenseKey: string | null
  readOnlyBinding: boolean
  api: FacilitationApi
  privateNotes: PrivateNotesSync
  editor: Editor | null
  onEditor: (editor: Editor) => void
  onError: (error: unknown) => void
}

/** The canvas with the workshop's facilitation state: lock, votes, summons, silent brainstorming. */
function LiveBoard(props: LiveBoardProps) {
  const { workshop, connection, store, currentUser, licenseKey, readOnlyBinding, api, privateNotes, editor, onEditor, onError } = props
  const { messages } = useLanguage()
  const facilitation = useFacilitation(connection.doc)
  const serverNow = useServerNow(useServerClockOffset())
  const self = currentUser.presenceUser.get()
  const selfUser = { userId: self?.id ?? '', name: self?.name ?? '' }
  const mayEdit = can(workshop.role, 'edit')
  const locked = facilitation.lock?.locked === true
  const readOnly = readOnlyBinding || !mayEdit || locked
  const voteView = useVoteView(api, facilitation.vote, self?.id.replace(/^user:/, '') ?? '', can(workshop.role, 'vote'), onError)
  useSummonFollow(editor, facilitation.summon, selfUser.userId, serverNow)

  useEffect(() => {
    editor?.updateInstanceState({ isReadonly: readOnly })
  }, [editor, readOnly])

  const privateOn = useRef(false)
  privateOn.current = facilitation.privateMode?.on === true
  useEffect(() => (editor ? privateNotes.flagNewNotes(editor, () => privateOn.current) : undefined), [editor, privateNotes])

  const onMount = (mounted: Editor) => {
    window.quartierboard = { editor: mounted }
    mounted.updateInstanceState({ isReadonly: readOnly })
    onEditor(mounted)
  }

  return (
    <>
      <FacilitationBar
        state={facilitation}
        role={workshop.role}
        api={api}
        serverNow={serverNow}
        editor={editor}
        self={selfUser}
        dotsLeft={voteView.vote?.status === 'open' && voteView.canVote ? voteView.left : null}
        onError={onError}
      />
      <div className="board__canvas">
        <VoteContext.Provider value={voteView}>
          <Tldraw
            store={store}
            user={currentUser.tldrawUser}
            assetUrls={assetUrls}
            licenseKey={licenseKey ?? undefined}
            components={components}
            onMount={onMount}
          />
        </VoteContext.Provider>
        <WorkshopKit workshop={workshop} connection={connection} editor={editor} />
        {readOnlyBinding && (
          <div className="banner" role="alert">
            {messages.boardReadonlyNewer} <button onClick={() => location.reload()}>{messages.boardReload}</button>
          </div>
        )}
      </div>
    </>
  )
}
