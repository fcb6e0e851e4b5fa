/**
 * The live board: tldraw bound to the workshop's doc, with status bar and participant list.
 * Reviewers get a read-only canvas (the server drops their edits anyway); facilitators get a link
 * to their dashboard. The board runs with this browser's identity in the workshop (presence id,
 * private notes, dots); a new identity remounts it.
 */
import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite'
import { Tldraw, createTLStore, defaultBindingUtils, defaultShapeUtils, type Editor, type TLStore } from '@tldraw/tldraw'
import '@tldraw/tldraw/tldraw.css'
import { CloseCode, INVALID_IDENTITY, can, type BindingMode, type GetWorkshopResponse, type IssuedIdentity } from '@quartierboard/shared'
import { useCallback, useEffect, useRef, useState } from 'react'
import { workshopToken } from '../access/workshop-token'
import { ApiRequestError } from '../api'
import { FacilitationBar } from '../facilitation/FacilitationBar'
import { FacilitationPills } from '../facilitation/FacilitationPills'
import { facilitationApi, type FacilitationApi } from '../facilitation/facilitation-api'
import { PrivateNotesSync } from '../facilitation/private-notes'
import { useServerClockOffset, useServerNow } from '../facilitation/server-clock'
import { useFacilitation } from '../facilitation/use-facilitation'
import { useSummonFollow } from '../facilitation/use-summon'
import { useVoteView } from '../facilitation/use-votes'
import { VoteContext } from '../facilitation/VoteOverlay'
import { useLanguage } from '../i18n/language'
import type { Messages } from '../i18n/messages'
import { AccessProblem } from './AccessProblem'
import { workshopAssetStore } from './asset-store'
import { connectBoard, type BoardConnection } from './connect-board'
import { createCurrentUser, type CurrentUser } from './current-user'
import type { Identity } from './identity'
import { useWorkshopIdentity } from './use-workshop-identity'
import { WorkshopKit } from '../participants/WorkshopKit'
import { ListView } from '../list-view/ListView'
import { attributionIdOf } from '../list-view/outline'
import { useBoardViewEffects } from '../list-view/use-list-view'
import { initialBoardView, type BoardView } from '../list-view/view-mode'
import { ViewToggle } from '../list-view/ViewToggle'
import type { SaveState } from './save-status'
import { StatusBar } from './StatusBar'
import { nameNewFrames } from './frame-names'
import { boardComponents } from './tldraw-components'
import { boardSignals } from './announcements'
import { BoardAnnouncer } from './BoardAnnouncer'

// tldraw's fonts, icons and translations, bundled by Vite and served by our own server.
const assetUrls = getAssetUrlsByImport()

declare global {
  interface Window {
    /** The running editor, for browser tests and debugging in the console only: our own code gets it through props. */
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

/** True when the server closed the socket because it does not know this browser's identity. */
export function isIdentityRefusal(code: number, reason: string): boolean {
  return code === CloseCode.Unauthorized && reason.startsWith(INVALID_IDENTITY)
}

export function BoardCanvas(props: BoardCanvasProps) {
  const { messages } = useLanguage()
  const { state, refused } = useWorkshopIdentity(props.workshop.id)
  if (state.kind === 'refused') return <AccessProblem message="accessInvalidIdentity" />
  if (state.kind === 'joining') return <main className="centered">{messages.boardJoining}</main>
  return <ConnectedBoard key={state.identity?.id ?? 'no-identity'} {...props} issued={state.identity} onIdentityRefused={refused} />
}

interface ConnectedBoardProps extends BoardCanvasProps {
  /** This browser's identity in the workshop; null while it has none (first join while offline). */
  issued: IssuedIdentity | null
  /** The server does not know `issued` (any more). */
  onIdentityRefused: () => void
}

function ConnectedBoard({ workshop, identity, licenseKey, onAccessLost, issued, onIdentityRefused }: ConnectedBoardProps) {
  const { language, messages } = useLanguage()
  // Our presence id in this workshop is the public id of our identity there.
  const [currentUser] = useState(() => createCurrentUser({ ...identity, id: issued?.id ?? identity.id }, language))
  const [store] = useState(() =>
    // `users`: tldraw records this person (their identity and name) as a note's last editor, as the list view shows.
    createTLStore({ shapeUtils: defaultShapeUtils, bindingUtils: defaultBindingUtils, assets: workshopAssetStore(workshop.id), users: { currentUser: currentUser.presenceUser } }),
  )
  const [api] = useState(() => facilitationApi(workshop.id, issued))
  const [problem, setProblem] = useState<string | null>(null)
  const onIdentityRefusedRef = useRef(onIdentityRefused)
  onIdentityRefusedRef.current = onIdentityRefused
  const reportError = useCallback((error: unknown) => {
    if (error instanceof ApiRequestError && error.code === INVALID_IDENTITY) onIdentityRefusedRef.current()
    else setProblem(error instanceof Error ? error.message : String(error))
  }, [])
  const [privateNotes] = useState(() => new PrivateNotesSync(api, workshop.id, reportError))
  const [connection, setConnection] = useState<BoardConnection | null>(null)
  const [ready, setReady] = useState(false)
  const [saveState, setSaveState] = useState<SaveState>('connecting')
  const [mode, setMode] = useState<BindingMode>('readwrite')
  const [editor, setEditor] = useState<Editor | null>(null)
  const [view, setView] = useState<BoardView>(() => initialBoardView(window.innerWidth))
  const onAccessLostRef = useRef(onAccessLost)
  onAccessLostRef.current = onAccessLost
  const mayEdit = can(workshop.role, 'edit')

  useEffect(() => {
    currentUser.setLocale(language)
  }, [currentUser, language])

  useEffect(() => {
    const opened = connectBoard(
      workshop.id,
      store,
      currentUser.presenceUser,
      workshopToken(workshop.id),
      {
        onReady: () => setReady(true),
        onSaveState: setSaveState,
        onMode: setMode,
        onRefused: (code, reason) =>
          isIdentityRefusal(code, reason) ? onIdentityRefusedRef.current() : onAccessLostRef.current(messageForRefusal(code)),
        onPrivateRecords: privateNotes.onPrivateRecords,
        firstPageName: messages.boardFirstPageName,
      },
      issued?.secret ?? null,
    )
    setConnection(opened)
    return () => opened.dispose()
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the first page's name is read once, when a new board is laid out; a language switch must not reconnect
  }, [workshop.id, store, currentUser, privateNotes, issued])

  useEffect(() => {
    if (!ready || !mayEdit || !issued) return
    privateNotes.restore(store).catch(() => undefined) // offline: they come back next time
    return () => privateNotes.dispose()
  }, [ready, mayEdit, privateNotes, store, issued])

  return (
    <div className="board" data-role={workshop.role}>
      <StatusBar
        title={workshop.title}
        saveState={mayEdit ? saveState : null}
        role={workshop.role}
        workshopId={workshop.id}
        session={workshop.runningSession}
        timeZone={workshop.timeZone}
        editor={editor}
        viewToggle={<ViewToggle view={view} onChange={setView} />}
      />
      {connection && ready ? (
        <LiveBoard
          workshop={workshop}
          connection={connection}
          store={store}
          currentUser={currentUser}
          licenseKey={licenseKey}
          readOnlyBinding={mode === 'readonly'}
          online={saveState !== 'offline' && saveState !== 'connecting'}
          api={api}
          privateNotes={privateNotes}
          editor={editor}
          onEditor={setEditor}
          onError={reportError}
          view={view}
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
  /** Connected to the server now (shown in this person's own participant entry). */
  online: boolean
  api: FacilitationApi
  privateNotes: PrivateNotesSync
  editor: Editor | null
  onEditor: (editor: Editor) => void
  onError: (error: unknown) => void
  /** The canvas, or the list view over the (hidden, still mounted) canvas. */
  view: BoardView
}

/** The canvas with the workshop's facilitation state: lock, votes, summons, silent brainstorming. */
function LiveBoard(props: LiveBoardProps) {
  const { workshop, connection, store, currentUser, licenseKey, readOnlyBinding, api, privateNotes, editor, onEditor, onError, online, view } = props
  const { messages } = useLanguage()
  const facilitation = useFacilitation(connection.doc)
  const serverNow = useServerNow(useServerClockOffset())
  const self = currentUser.presenceUser.get()
  const selfUser = { userId: self?.id ?? '', name: self?.name ?? '' }
  const mayEdit = can(workshop.role, 'edit')
  const locked = facilitation.lock?.locked === true
  const readOnly = readOnlyBinding || !mayEdit || locked
  const voteView = useVoteView(api, facilitation.vote, can(workshop.role, 'vote'), onError)
  useSummonFollow(editor, facilitation.summon, selfUser.userId, serverNow)
  useBoardViewEffects(connection, editor, view)

  useEffect(() => {
    editor?.updateInstanceState({ isReadonly: readOnly })
  }, [editor, readOnly])

  const privateOn = useRef(false)
  privateOn.current = facilitation.privateMode?.on === true
  useEffect(() => (editor ? privateNotes.flagNewNotes(editor, () => privateOn.current) : undefined), [editor, privateNotes])
  const frameName = useRef(messages.frameDefaultName)
  frameName.current = messages.frameDefaultName
  useEffect(() => (editor ? nameNewFrames(editor, () => frameName.current) : undefined), [editor])

  const onMount = (mounted: Editor) => {
    window.quartierboard = { editor: mounted }
    mounted.updateInstanceState({ isReadonly: readOnly })
    onEditor(mounted)
  }

  return (
    <>
      <BoardAnnouncer signals={boardSignals(facilitation, serverNow, selfUser.userId, online)} />
      <FacilitationBar
        state={facilitation}
        role={workshop.role}
        api={api}
        editor={editor}
        self={selfUser}
        onError={onError}
      />
      <div className={view === 'list' ? 'board__canvas board__canvas--list' : 'board__canvas'}>
        <FacilitationPills
          state={facilitation}
          serverNow={serverNow}
          workshopId={workshop.id}
          dotsLeft={voteView.vote?.status === 'open' && voteView.canVote ? voteView.left : null}
        />
        <VoteContext.Provider value={voteView}>
          <Tldraw
            store={store}
            user={currentUser.tldrawUser}
            assetUrls={assetUrls}
            licenseKey={licenseKey ?? undefined}
            components={boardComponents}
            onMount={onMount}
          />
        </VoteContext.Provider>
        {view === 'list' && editor ? (
          <ListView
            editor={editor}
            workshop={workshop}
            connection={connection}
            facilitation={facilitation}
            voteView={voteView}
            selfId={selfUser.userId ? attributionIdOf(selfUser.userId) : null}
            readOnly={readOnly}
            online={online}
          />
        ) : (
          <WorkshopKit workshop={workshop} connection={connection} editor={editor} online={online} />
        )}
        {readOnlyBinding && (
          <div className="banner" role="alert">
            {messages.boardReadonlyNewer} <button onClick={() => location.reload()}>{messages.boardReload}</button>
          </div>
        )}
      </div>
    </>
  )
}
