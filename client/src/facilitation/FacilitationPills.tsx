/**
 * What everyone sees of the facilitation while it is on: the timer, the lock, silent
 * brainstorming, an open vote with the dots left, and a closed vote's result. They float over the
 * top of the canvas (appearing never moves the board), and the closed vote's pill can be put away.
 */
import type { FacilitationState } from '@quartierboard/shared'
import { useState } from 'react'
import { useLanguage } from '../i18n/language'
import { TimerDisplay } from './TimerDisplay'

interface FacilitationPillsProps {
  state: FacilitationState
  serverNow: number
  workshopId: string
  dotsLeft: number | null
}

const dismissedKey = (workshopId: string) => `quartierboard.dismissedVote.${workshopId}`

function dismissedVote(workshopId: string): string | null {
  try {
    return localStorage.getItem(dismissedKey(workshopId))
  } catch {
    return null // storage blocked: dismissed for as long as the page lives
  }
}

export function FacilitationPills({ state, serverNow, workshopId, dotsLeft }: FacilitationPillsProps) {
  const { messages } = useLanguage()
  const [dismissed, setDismissed] = useState<string | null>(() => dismissedVote(workshopId))
  const { timer, lock, privateMode, vote } = state
  const showClosedVote = vote?.status === 'closed' && dismissed !== vote.id
  if (!timer && !lock?.locked && !privateMode?.on && vote?.status !== 'open' && !showClosedVote) return null

  const dismiss = (voteId: string) => {
    setDismissed(voteId)
    try {
      localStorage.setItem(dismissedKey(workshopId), voteId)
    } catch {
      // see dismissedVote
    }
  }

  return (
    <div className="facilitation-pills" data-testid="facilitation-pills">
      {timer && <TimerDisplay timer={timer} serverNow={serverNow} />}
      {lock?.locked && (
        <span className="pill pill--locked" data-testid="lock-banner">
          {messages.lockBanner}
        </span>
      )}
      {privateMode?.on && (
        <span className="pill pill--private" data-testid="private-banner">
          {messages.privateBanner}
        </span>
      )}
      {vote?.status === 'open' && (
        <span className="pill pill--vote" data-testid="vote-banner">
          {messages.voteOpenBanner} {dotsLeft !== null && `· ${messages.voteDotsLeft}: ${dotsLeft}`}
        </span>
      )}
      {showClosedVote && (
        <span className="pill pill--dismissable" data-testid="vote-closed-banner">
          {messages.voteClosedBanner} ({vote.voters ?? 0} {messages.voteVoters})
          <button type="button" className="pill__dismiss" aria-label={messages.pillDismiss} title={messages.pillDismiss} onClick={() => dismiss(vote.id)} data-testid="vote-closed-dismiss">
            ×
          </button>
        </span>
      )}
    </div>
  )
}
