/**
 * `/w/:workshopId/replay`: the reviewer's replay. Takes the link's token into storage, loads the
 * workshop and its sessions, lets the reviewer pick a session (newest by default) or the whole
 * workshop, loads that timeline and hands it to the workspace.
 */
import { DEFAULT_WORKSHOP_TIME_ZONE, isValidWorkshopId, type GetWorkshopResponse, type History, type Session } from '@quartierboard/shared'
import { useEffect, useState } from 'react'
import { captureLinkToken } from '../access/workshop-token'
import { ApiRequestError, getClientConfig, getWorkshop } from '../api'
import { AccessProblem } from '../board/AccessProblem'
import { messageForApiError } from '../board/BoardPage'
import { LanguageSwitch, useLanguage } from '../i18n/language'
import type { Messages } from '../i18n/messages'
import { defaultSessionChoice, WHOLE_WORKSHOP } from './history-view'
import { getHistory, getSessions } from './replay-api'
import { ReplayWorkspace } from './ReplayWorkspace'
import { SessionPicker } from './SessionPicker'
import './replay.css'
import { WorkshopTimeZone } from '../i18n/time-zone'

/** Which message a failed replay request shows. */
export function replayErrorMessage(error: unknown): keyof Messages {
  if (error instanceof ApiRequestError && error.status === 403 && error.code === 'forbidden_for_role') return 'replayForbidden'
  return messageForApiError(error) ?? 'errorGeneric'
}

interface Loaded {
  workshop: GetWorkshopResponse
  licenseKey: string | null
  sessions: Session[]
}

export function ReplayPage({ workshopId }: { workshopId: string }) {
  const { messages } = useLanguage()
  const [problem, setProblem] = useState<keyof Messages | null>(() => (isValidWorkshopId(workshopId) ? null : 'boardInvalidId'))
  const [loaded, setLoaded] = useState<Loaded | null>(null)
  const [choice, setChoice] = useState<string | null>(null)
  const [history, setHistory] = useState<{ choice: string; history: History } | null>(null)

  useEffect(() => {
    if (!isValidWorkshopId(workshopId)) return
    captureLinkToken(workshopId)
    let cancelled = false
    Promise.all([getWorkshop(workshopId), getSessions(workshopId), getClientConfig().catch(() => ({ tldrawLicenseKey: null }))])
      .then(([workshop, { sessions }, config]) => {
        if (cancelled) return
        setLoaded({ workshop, sessions, licenseKey: config.tldrawLicenseKey })
        setChoice(defaultSessionChoice(sessions))
      })
      .catch((error: unknown) => {
        if (!cancelled) setProblem(replayErrorMessage(error))
      })
    return () => {
      cancelled = true
    }
  }, [workshopId])

  useEffect(() => {
    if (choice === null) return
    let cancelled = false
    getHistory(workshopId, choice === WHOLE_WORKSHOP ? null : choice)
      .then((result) => {
        if (!cancelled) setHistory({ choice, history: result })
      })
      .catch((error: unknown) => {
        if (!cancelled) setProblem(replayErrorMessage(error))
      })
    return () => {
      cancelled = true
    }
  }, [workshopId, choice])

  if (problem) return <AccessProblem message={problem} />

  const header = (
    <WorkshopTimeZone zone={loaded?.workshop.timeZone ?? DEFAULT_WORKSHOP_TIME_ZONE}>
      <strong className="status-bar__title">
        {messages.replayHeading}
        {loaded ? ` · ${loaded.workshop.title}` : ''}
      </strong>
      {loaded && choice !== null && <SessionPicker sessions={loaded.sessions} value={choice} onChange={setChoice} />}
    </WorkshopTimeZone>
  )

  if (!loaded || !history || history.choice !== choice) {
    return (
      <div className="replay">
        <header className="status-bar">
          {header}
          <LanguageSwitch />
        </header>
        <main className="centered">{messages.boardLoading}</main>
      </div>
    )
  }
  return (
    <WorkshopTimeZone zone={loaded.workshop.timeZone}>
      <ReplayWorkspace key={history.choice} workshopId={workshopId} history={history.history} licenseKey={loaded.licenseKey} header={header} />
    </WorkshopTimeZone>
  )
}
