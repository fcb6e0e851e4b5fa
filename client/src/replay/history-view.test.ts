import type { Session, Snapshot } from '@quartierboard/shared'
import { describe, expect, it } from 'vitest'
import { defaultSessionChoice, historyRange, sessionsNewestFirst, snapshotMarkers, WHOLE_WORKSHOP } from './history-view'

const session = (id: string, startedAt: string): Session => ({ id, title: id, startedAt, endedAt: null })
const snapshot = (id: string, createdAt: string): Snapshot => ({
  id,
  sessionId: null,
  kind: 'named',
  label: id,
  author: 'facilitator',
  createdAt,
  shapes: 0,
  bytes: 0,
})

describe('history view', () => {
  it('defaults to the newest session, or the whole workshop', () => {
    const sessions = [session('a', '2025-03-15T09:00:00Z'), session('b', '2025-03-16T09:00:00Z'), session('c', '2025-03-14T09:00:00Z')]
    expect(defaultSessionChoice(sessions)).toBe('b')
    expect(defaultSessionChoice([])).toBe(WHOLE_WORKSHOP)
    expect(sessionsNewestFirst(sessions).map((s) => s.id)).toEqual(['b', 'a', 'c'])
  })

  it('reads the range and places snapshot markers on it', () => {
    const range = historyRange({ from: '2025-03-15T10:00:00.000Z', to: '2025-03-15T10:00:10.000Z' })
    expect(range.to - range.from).toBe(10_000)
    const markers = snapshotMarkers(
      [snapshot('late', '2025-03-15T10:00:07.500Z'), snapshot('outside', '2025-03-15T11:00:00Z'), snapshot('early', '2025-03-15T10:00:02.500Z')],
      range,
    )
    expect(markers.map((m) => [m.snapshot.id, m.position, m.at - range.from])).toEqual([
      ['early', 0.25, 2_500],
      ['late', 0.75, 7_500],
      ['outside', 1, 10_000],
    ])
  })
})
