import type { FacilitationState } from '@quartierboard/shared'
import { describe, expect, it } from 'vitest'
import { announcementsBetween, boardSignals, type BoardSignals } from './announcements'

const none: FacilitationState = { timer: null, lock: null, vote: null, summon: null, privateMode: null, step: null }
const NOW = 1_000_000

function signals(state: Partial<FacilitationState>, options: { now?: number; online?: boolean } = {}): BoardSignals {
  return boardSignals({ ...none, ...state }, options.now ?? NOW, 'self', options.online ?? true)
}

const keys = (before: BoardSignals, after: BoardSignals) => announcementsBetween(before, after).map((said) => said.key)

describe('board announcements', () => {
  it('says nothing while nothing changes, whatever the state', () => {
    const busy = signals({ lock: { locked: true, changedAt: 1 }, privateMode: { on: true, anonymous: false, changedAt: 1 } })
    expect(keys(busy, busy)).toEqual([])
    expect(keys(signals({}), signals({}))).toEqual([])
  })

  it('says when the timer runs out, once, and not while it is paused', () => {
    const timer = { id: 't1', endsAt: NOW + 1000, durationMs: 60_000, pausedRemainingMs: null }
    const running = signals({ timer }, { now: NOW })
    const ended = signals({ timer }, { now: NOW + 1000 })
    expect(keys(running, ended)).toEqual(['announceTimerEnded'])
    expect(keys(ended, signals({ timer }, { now: NOW + 5000 }))).toEqual([])
    const paused = { ...timer, pausedRemainingMs: 1000 }
    expect(keys(signals({ timer: paused }), signals({ timer: paused }, { now: NOW + 9000 }))).toEqual([])
  })

  it('says when a vote opens, with the dots per person, and when it closes', () => {
    const open = { id: 'v1', frameId: 'shape:f', dotsPerPerson: 3, status: 'open' as const, openedAt: NOW, closedAt: null, results: null, voters: null }
    const opened = announcementsBetween(signals({}), signals({ vote: open }))
    expect(opened).toEqual([{ key: 'announceVoteOpened', values: { dots: 3 } }])
    expect(keys(signals({ vote: open }), signals({ vote: { ...open, status: 'closed', closedAt: NOW + 1, results: {}, voters: 2 } }))).toEqual(['announceVoteClosed'])
  })

  it('says when silent brainstorming starts and when the notes are revealed', () => {
    const on = signals({ privateMode: { on: true, anonymous: false, changedAt: 1 } })
    const off = signals({ privateMode: { on: false, anonymous: false, changedAt: 2 } })
    expect(keys(off, on)).toEqual(['announcePrivateOn'])
    expect(keys(on, off)).toEqual(['announceRevealed'])
  })

  it('says lock and unlock', () => {
    const locked = signals({ lock: { locked: true, changedAt: 1 } })
    const unlocked = signals({ lock: { locked: false, changedAt: 2 } })
    expect(keys(unlocked, locked)).toEqual(['announceLocked'])
    expect(keys(locked, unlocked)).toEqual(['announceUnlocked'])
  })

  it("says who summons everyone, but not to the person who summoned", () => {
    const byAnna = { id: 's1', userId: 'anna', name: 'Anna', at: NOW }
    expect(announcementsBetween(signals({}), signals({ summon: byAnna }))).toEqual([{ key: 'announceSummoned', values: { name: 'Anna' } }])
    expect(keys(signals({}), signals({ summon: { ...byAnna, userId: 'self' } }))).toEqual([])
  })

  it('says when the connection drops and when it is back', () => {
    expect(keys(signals({}), signals({}, { online: false }))).toEqual(['announceOffline'])
    expect(keys(signals({}, { online: false }), signals({}))).toEqual(['announceOnline'])
  })
})
