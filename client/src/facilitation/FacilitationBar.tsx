/**
 * The facilitator's strip under the status bar: timer, lock, summon, silent brainstorming and
 * vote controls. Always there for the facilitator, never for anyone else, so it never moves the
 * board; what everyone sees of the facilitation floats over the canvas (FacilitationPills.tsx).
 */
import { type Editor, type TLShapeId } from '@tldraw/tldraw'
import { type FacilitationState, type Role } from '@quartierboard/shared'
import { useState } from 'react'
import { useLanguage } from '../i18n/language'
import type { FacilitationApi } from './facilitation-api'

const TIMER_PRESETS_MIN = [1, 3, 5, 10, 15]

interface FacilitationBarProps {
  state: FacilitationState
  role: Role
  api: FacilitationApi
  editor: Editor | null
  /** This browser's presence user id and name (for "bring everyone to me"). */
  self: { userId: string; name: string }
  onError: (error: unknown) => void
}

export function FacilitationBar({ state, role, api, editor, self, onError }: FacilitationBarProps) {
  const { messages } = useLanguage()
  const [busy, setBusy] = useState(false)
  const [anonymous, setAnonymous] = useState(false)
  const [dots, setDots] = useState(3)
  const facilitator = role === 'facilitator'
  const run = (action: () => Promise<unknown>) => {
    setBusy(true)
    action()
      .catch(onError)
      .finally(() => setBusy(false))
  }
  const selectedFrame = () => {
    const shape = editor?.getOnlySelectedShape()
    return shape?.type === 'frame' ? (shape.id as TLShapeId) : null
  }
  const { timer, lock, privateMode, vote } = state
  if (!facilitator) return null

  return (
    <div className="facilitation-bar" data-testid="facilitation-bar">
      <div className="facilitation-bar__controls" aria-label={messages.facilitationControls}>
        <span className="facilitation-bar__group">
          {TIMER_PRESETS_MIN.map((minutes) => (
            <button key={minutes} type="button" className="secondary small" disabled={busy} onClick={() => run(() => api.startTimer(minutes * 60_000))} data-testid={`timer-start-${minutes}`}>
              {minutes} min
            </button>
          ))}
          {timer && (
            <>
              <button type="button" className="secondary small" disabled={busy} onClick={() => run(() => (timer.pausedRemainingMs === null ? api.pauseTimer() : api.resumeTimer()))}>
                {timer.pausedRemainingMs === null ? messages.timerPause : messages.timerResume}
              </button>
              <button type="button" className="secondary small" disabled={busy} onClick={() => run(() => api.stopTimer())} data-testid="timer-stop">
                {messages.timerStop}
              </button>
            </>
          )}
        </span>
        <span className="facilitation-bar__group">
          <button type="button" className="secondary small" disabled={busy} onClick={() => run(() => api.setLock(!lock?.locked))} data-testid="lock-toggle">
            {lock?.locked ? messages.lockOff : messages.lockOn}
          </button>
          <button type="button" className="secondary small" disabled={busy} onClick={() => run(() => api.summon(self.userId, self.name))} data-testid="summon">
            {messages.summon}
          </button>
        </span>
        <span className="facilitation-bar__group">
          {privateMode?.on ? (
            <button type="button" className="small" disabled={busy} onClick={() => run(() => api.reveal())} data-testid="private-reveal">
              {messages.privateReveal}
            </button>
          ) : (
            <>
              <label className="checkbox small">
                <input type="checkbox" checked={anonymous} onChange={(event) => setAnonymous(event.target.checked)} data-testid="private-anonymous" />
                {messages.privateAnonymous}
              </label>
              <button type="button" className="secondary small" disabled={busy} onClick={() => run(() => api.setPrivateMode(true, anonymous))} data-testid="private-start">
                {messages.privateStart}
              </button>
            </>
          )}
        </span>
        <span className="facilitation-bar__group">
          {vote?.status === 'open' ? (
            <button type="button" className="small" disabled={busy} onClick={() => run(() => api.closeVote(vote.id))} data-testid="vote-close">
              {messages.voteClose}
            </button>
          ) : (
            <>
              <label className="small">
                {messages.voteDotsPerPerson}{' '}
                <input type="number" min={1} max={20} value={dots} onChange={(event) => setDots(Number(event.target.value) || 1)} className="number-input" data-testid="vote-dots" />
              </label>
              <button
                type="button"
                className="secondary small"
                disabled={busy}
                title={messages.voteStartHint}
                data-testid="vote-start"
                onClick={() => {
                  const frameId = selectedFrame()
                  if (!frameId) onError(new Error(messages.voteSelectFrame))
                  else run(() => api.openVote(frameId, dots))
                }}
              >
                {messages.voteStart}
              </button>
            </>
          )}
        </span>
      </div>
    </div>
  )
}
