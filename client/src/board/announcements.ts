/**
 * What the board announces to screen readers: the moments a sighted participant notices by looking
 * (the timer runs out, a vote opens or closes, notes are revealed, the board is locked, someone
 * summons everyone, the connection drops or comes back). The board is reduced to a few signals; an
 * announcement is due where a signal changed between two renders, never for the state a page opens in.
 */
import { remainingMs, type FacilitationState } from '@quartierboard/shared'
import type { Messages } from '../i18n/messages'

export interface BoardSignals {
  /** Id of a timer that has run out (not paused), else null. */
  endedTimer: string | null
  locked: boolean
  openVote: { id: string; dots: number } | null
  closedVote: string | null
  privateOn: boolean
  /** The latest summon by someone else. */
  summon: { id: string; name: string } | null
  online: boolean
}

export interface Announcement {
  key: keyof Messages
  values?: Record<string, string | number>
}

export function boardSignals(state: FacilitationState, serverNow: number, selfUserId: string, online: boolean): BoardSignals {
  const { timer, lock, vote, privateMode, summon } = state
  return {
    endedTimer: timer && timer.pausedRemainingMs === null && remainingMs(timer, serverNow) === 0 ? timer.id : null,
    locked: lock?.locked === true,
    openVote: vote?.status === 'open' ? { id: vote.id, dots: vote.dotsPerPerson } : null,
    closedVote: vote?.status === 'closed' ? vote.id : null,
    privateOn: privateMode?.on === true,
    summon: summon && summon.userId !== selfUserId ? { id: summon.id, name: summon.name } : null,
    online,
  }
}

export function announcementsBetween(before: BoardSignals, after: BoardSignals): Announcement[] {
  const said: Announcement[] = []
  if (before.online !== after.online) said.push({ key: after.online ? 'announceOnline' : 'announceOffline' })
  if (after.endedTimer && after.endedTimer !== before.endedTimer) said.push({ key: 'announceTimerEnded' })
  if (after.openVote && after.openVote.id !== before.openVote?.id) said.push({ key: 'announceVoteOpened', values: { dots: after.openVote.dots } })
  if (after.closedVote && after.closedVote !== before.closedVote) said.push({ key: 'announceVoteClosed' })
  if (after.privateOn && !before.privateOn) said.push({ key: 'announcePrivateOn' })
  if (!after.privateOn && before.privateOn) said.push({ key: 'announceRevealed' })
  if (after.locked !== before.locked) said.push({ key: after.locked ? 'announceLocked' : 'announceUnlocked' })
  if (after.summon && after.summon.id !== before.summon?.id) said.push({ key: 'announceSummoned', values: { name: after.summon.name } })
  return said
}
