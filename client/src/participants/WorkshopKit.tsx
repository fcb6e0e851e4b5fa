/**
 * The workshop kit on the board: the template menu and the "Fertig" toggle (top left, for roles
 * that may edit / participants), the follow banner and the participant list (folded on phones). Publishes this
 * client's role in awareness, so that facilitators can count participants.
 */
import type { Editor } from '@tldraw/tldraw'
import { can, type GetWorkshopResponse } from '@quartierboard/shared'
import { useEffect } from 'react'
import type { BoardConnection } from '../board/connect-board'
import { TemplateMenu } from '../templates/TemplateMenu'
import { DoneToggle } from './DoneToggle'
import { FollowBanner } from './FollowBanner'
import { useStepKey } from './hooks'
import { ParticipantList } from './ParticipantList'
import { ParticipantsDock } from './ParticipantsDock'
import './participants.css'

interface WorkshopKitProps {
  workshop: GetWorkshopResponse
  connection: BoardConnection
  /** The board's editor, once tldraw has mounted it. */
  editor: Editor | null
  /** Whether this browser is connected to the server now. */
  online: boolean
}

export function WorkshopKit({ workshop, connection, editor, online }: WorkshopKitProps) {
  const { awareness } = connection.provider
  const stepKey = useStepKey(connection.doc)
  const { role } = workshop

  useEffect(() => {
    awareness.setLocalStateField('role', role)
  }, [awareness, role])

  const mayEdit = can(role, 'edit')
  const showDone = role === 'participant'
  return (
    <>
      {editor && (mayEdit || showDone) && (
        <div className="kit-toolbar" data-testid="kit-toolbar">
          {mayEdit && <TemplateMenu editor={editor} field={workshop.field} />}
          {showDone && <DoneToggle awareness={awareness} stepKey={stepKey} workshopId={workshop.id} />}
        </div>
      )}
      {editor && <FollowBanner editor={editor} />}
      <ParticipantsDock awareness={awareness} selfOnline={online}>
        <ParticipantList awareness={awareness} role={role} editor={editor} stepKey={stepKey} selfOnline={online} />
      </ParticipantsDock>
    </>
  )
}
