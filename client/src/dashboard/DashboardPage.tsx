/**
 * `/w/:workshopId/dashboard`, the facilitator link's page: links, sessions, snapshots, settings,
 * deletion. Everything here needs the facilitator role; other roles are sent to the board.
 */
import { isValidWorkshopId, type CreateWorkshopResponse, type GetWorkshopResponse, type Session, type Snapshot } from '@quartierboard/shared'
import { useCallback, useEffect, useState } from 'react'
import { captureLinkToken } from '../access/workshop-token'
import { getLinks, getWorkshop, listSessions, listSnapshots } from '../api'
import { AccessProblem } from '../board/AccessProblem'
import { ExportMenu } from '../export/ExportMenu'
import { ImportPanel } from '../export/ImportPanel'
import { messageForApiError } from '../board/BoardPage'
import { LanguageSwitch, useLanguage } from '../i18n/language'
import { WorkshopTimeZone } from '../i18n/time-zone'
import type { Messages } from '../i18n/messages'
import { LinksPanel } from './LinksPanel'
import { SessionPanel } from './SessionPanel'
import { SnapshotsPanel } from './SnapshotsPanel'
import { WorkshopSettings } from './WorkshopSettings'

interface DashboardData {
  workshop: GetWorkshopResponse
  links: CreateWorkshopResponse['links']
  sessions: Session[]
  snapshots: Snapshot[]
}

type State = { kind: 'loading' } | { kind: 'problem'; message: keyof Messages } | { kind: 'ready'; data: DashboardData } | { kind: 'deleted' }

async function loadDashboard(workshopId: string): Promise<DashboardData | 'not-facilitator'> {
  const workshop = await getWorkshop(workshopId)
  if (workshop.role !== 'facilitator') return 'not-facilitator'
  const [links, sessions, snapshots] = await Promise.all([getLinks(workshopId), listSessions(workshopId), listSnapshots(workshopId)])
  return { workshop, links: links.links, sessions: sessions.sessions, snapshots: snapshots.snapshots }
}

export function DashboardPage({ workshopId }: { workshopId: string }) {
  const { messages } = useLanguage()
  const [state, setState] = useState<State>({ kind: 'loading' })
  const [error, setError] = useState<string | null>(null)

  const reload = useCallback(() => {
    loadDashboard(workshopId)
      .then((data) => setState(data === 'not-facilitator' ? { kind: 'problem', message: 'dashboardOnlyFacilitator' } : { kind: 'ready', data }))
      .catch((failure: unknown) => setState({ kind: 'problem', message: messageForApiError(failure) ?? 'errorGeneric' }))
  }, [workshopId])

  useEffect(() => {
    if (!isValidWorkshopId(workshopId)) {
      setState({ kind: 'problem', message: 'boardInvalidId' })
      return
    }
    captureLinkToken(workshopId)
    reload()
  }, [workshopId, reload])

  const onError = (failure: unknown) => setError(failure instanceof Error ? failure.message : messages.errorGeneric)

  if (state.kind === 'problem') return <AccessProblem message={state.message} />
  if (state.kind === 'deleted') return <AccessProblem message="deleted" />
  if (state.kind === 'loading') return <main className="centered">{messages.boardLoading}</main>
  const { workshop, links, sessions, snapshots } = state.data
  const update = (changes: Partial<DashboardData>) => setState({ kind: 'ready', data: { ...state.data, ...changes } })
  return (
    <WorkshopTimeZone zone={workshop.timeZone}>
      <main className="dashboard" data-testid="dashboard">
        <header className="dashboard__header">
          <div>
            <p className="hint">{messages.dashboardHeading}</p>
            <h1>{workshop.title}</h1>
          </div>
          <ExportMenu
            workshopId={workshopId}
            title={workshop.title}
            role={workshop.role}
            sessionTitle={workshop.runningSession?.title ?? null}
            timeZone={workshop.timeZone}
          />
          <a className="button secondary" href={`/w/${encodeURIComponent(workshopId)}/replay`} data-testid="dashboard-open-replay">
            {messages.replayOpen}
          </a>
          <a className="button" href={`/w/${encodeURIComponent(workshopId)}`} data-testid="dashboard-open-board">
            {messages.dashboardOpenBoard}
          </a>
          <LanguageSwitch />
        </header>
        {error && (
          <p role="alert" className="error" data-testid="dashboard-error">
            {error}
          </p>
        )}
        <div className="dashboard__grid">
          <SessionPanel workshopId={workshopId} running={workshop.runningSession} onChanged={reload} onError={onError} />
          <LinksPanel workshopId={workshopId} links={links} onLinks={(next) => update({ links: next })} onError={onError} />
          <SnapshotsPanel workshopId={workshopId} sessions={sessions} snapshots={snapshots} onChanged={reload} onError={onError} />
          <ImportPanel workshopId={workshopId} role={workshop.role} onImported={reload} />
          <WorkshopSettings
            workshop={workshop}
            onChanged={(changed) => update({ workshop: { ...workshop, ...changed } })}
            onDeleted={() => setState({ kind: 'deleted' })}
            onError={onError}
          />
        </div>
      </main>
    </WorkshopTimeZone>
  )
}
