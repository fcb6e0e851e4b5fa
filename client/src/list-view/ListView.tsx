/**
 * The list view ("Listenansicht"): the board as an outline that a screen reader can walk and a
 * phone can show, and that edits the same board. It reads the tldraw store the canvas draws
 * (`useOutline`) and writes through the same editor (board-writes.ts), so the canvas and the list
 * are one document: a change on either side shows on the other, and on everyone's board, at once.
 * Votes go through the same `VoteView` as the canvas's badges; "Fertig" is the canvas's DoneToggle.
 */
import type { Editor } from '@tldraw/tldraw'
import { can, type FacilitationState, type GetWorkshopResponse } from '@quartierboard/shared'
import { useState } from 'react'
import type { BoardConnection } from '../board/connect-board'
import type { VoteView } from '../facilitation/VoteOverlay'
import { useLanguage } from '../i18n/language'
import { DoneToggle } from '../participants/DoneToggle'
import { fill } from '../participants/fill'
import { useStepKey } from '../participants/hooks'
import { ParticipantList } from '../participants/ParticipantList'
import { addNoteToFrame, changeNoteText, deleteNote } from './board-writes'
import { FrameSection, headingIdOf } from './FrameSection'
import { useOutline } from './use-list-view'
import './list-view.css'

interface ListViewProps {
  editor: Editor
  workshop: GetWorkshopResponse
  connection: BoardConnection
  facilitation: FacilitationState
  voteView: VoteView
  /** This person's id as tldraw records editors (see `attributionIdOf`). */
  selfId: string | null
  /** The board takes no edits now (role, lock, an older schema). */
  readOnly: boolean
  online: boolean
}

export function ListView({ editor, workshop, connection, facilitation, voteView, selfId, readOnly, online }: ListViewProps) {
  const { messages, language } = useLanguage()
  const sections = useOutline(editor, { locale: language, selfId, vote: facilitation.vote })
  const stepKey = useStepKey(connection.doc)
  const [announcement, setAnnouncement] = useState('')
  const { role } = workshop
  const mayEdit = can(role, 'edit') && !readOnly
  const hasFrames = sections.some((section) => section.frameId !== null)

  const onAdd = (frameId: string, frameTitle: string, text: string) => {
    const added = addNoteToFrame(editor, frameId, text) !== null
    if (added) setAnnouncement(fill(messages.listAdded, { frame: frameTitle }))
    return added
  }
  const onChange = (id: string, text: string) => {
    changeNoteText(editor, id, text)
    setAnnouncement(messages.listSaved)
  }
  const onDelete = (id: string, frameId: string | null) => {
    deleteNote(editor, id)
    setAnnouncement(messages.listDeleted)
    // The button is gone with the note: focus goes to its frame's heading rather than to the page.
    document.getElementById(headingIdOf(frameId))?.focus()
  }

  return (
    <div className="list-view" data-testid="list-view">
      <div className="list-view__inner">
        <h1 className="list-view__heading">{messages.listHeading}</h1>
        <p className="list-view__intro">{messages.listIntro}</p>
        {role === 'participant' && (
          <div className="list-view__done">
            <DoneToggle awareness={connection.provider.awareness} stepKey={stepKey} workshopId={workshop.id} />
          </div>
        )}
        {readOnly && can(role, 'edit') && <p className="list-view__notice">{messages.listReadonly}</p>}
        {mayEdit && facilitation.privateMode?.on && (
          <p className="list-view__notice list-view__notice--private" data-testid="list-private-hint">
            {messages.listPrivateHint}
          </p>
        )}
        {sections.length === 0 && <p>{messages.listEmpty}</p>}
        {!hasFrames && mayEdit && <p className="list-view__notice">{messages.listNoFrames}</p>}
        {sections.map((section) => (
          <FrameSection key={section.frameId ?? 'outside'} section={section} mayEdit={mayEdit} voteView={voteView} onAdd={onAdd} onChange={onChange} onDelete={onDelete} />
        ))}
        <div className="list-view__people">
          <ParticipantList awareness={connection.provider.awareness} role={role} editor={null} stepKey={stepKey} selfOnline={online} />
        </div>
        <p className="visually-hidden" role="status" data-testid="list-announcement">
          {announcement}
        </p>
      </div>
    </div>
  )
}
