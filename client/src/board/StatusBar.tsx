/** Workshop title, running session, save status (for those who edit), role, dashboard link, language switch. */
import { can, type Role, type Session } from '@quartierboard/shared'
import type { Editor } from '@tldraw/tldraw'
import { ExportMenu } from '../export/ExportMenu'
import { LanguageSwitch, useLanguage } from '../i18n/language'
import type { Messages } from '../i18n/messages'
import type { SaveState } from './save-status'
import type { ReactNode } from 'react'
import './touch-layout.css'

const LABEL: Record<SaveState, keyof Messages> = {
  connecting: 'statusConnecting',
  offline: 'statusOffline',
  saving: 'statusSaving',
  saved: 'statusSaved',
  failed: 'statusFailed',
}

const ROLE_LABEL: Record<Role, keyof Messages> = {
  facilitator: 'roleFacilitator',
  participant: 'roleParticipant',
  reviewer: 'roleReviewer',
}

interface StatusBarProps {
  title: string
  /** Null for read-only viewers, who save nothing. */
  saveState: SaveState | null
  role: Role
  workshopId: string
  session: Session | null
  /** The workshop's time zone (exports show their times in it). */
  timeZone: string
  /** The board's editor once it is mounted (what the export menu draws from). */
  editor: Editor | null
  /** The switch between the list view and the canvas (list-view/ViewToggle.tsx). */
  viewToggle?: ReactNode
}

export function StatusBar({ title, saveState, role, workshopId, session, timeZone, editor, viewToggle }: StatusBarProps) {
  const { messages } = useLanguage()
  return (
    <header className="status-bar">
      <strong className="status-bar__title">{title}</strong>
      {viewToggle}
      {session && (
        <span className="status-bar__session" data-testid="board-session">
          {messages.sessionRunning}: {session.title}
        </span>
      )}
      <span className="role-badge" data-testid="role-badge" data-role={role}>
        {messages[ROLE_LABEL[role]]}
      </span>
      {/* Not a live region: it changes with every edit. BoardAnnouncer says when the connection drops and returns. */}
      {saveState && (
        <span className={`save-status save-status--${saveState}`} data-testid="save-status" data-state={saveState}>
          {messages[LABEL[saveState]]}
        </span>
      )}
      <ExportMenu
        workshopId={workshopId}
        title={title}
        role={role}
        sessionTitle={session?.title ?? null}
        timeZone={timeZone}
        getEditor={() => editor}
        initiallyOpen={opensExportMenu()}
      />
      {can(role, 'readHistory') && (
        <a className="status-bar__link" href={`/w/${encodeURIComponent(workshopId)}/replay`} data-testid="open-replay">
          {messages.replayOpen}
        </a>
      )}
      {role === 'facilitator' && (
        <a className="status-bar__link" href={`/w/${encodeURIComponent(workshopId)}/dashboard`} data-testid="open-dashboard">
          {messages.dashboardOpen}
        </a>
      )}
      <LanguageSwitch />
    </header>
  )
}

/** The dashboard links to the board with `?export=open` for pictures and the PDF, which need the board drawn. */
function opensExportMenu(): boolean {
  return new URLSearchParams(window.location.search).get('export') === 'open'
}
