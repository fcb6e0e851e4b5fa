import { describe, expect, it } from 'vitest'
import { fill } from './fill'
import { Roster, doneSummary, entryByPresenceUserId, isDone, readAwareness, stepKey } from './roster'

function state(id: string, name: string, extra: Record<string, unknown> = {}) {
  return { user: { id: `user:${id}`, name, color: '#e03131' }, presence: { userId: `user:${id}`, followingUserId: null }, ...extra }
}

describe('readAwareness', () => {
  it('lists people with a name, one entry per user, and marks you', () => {
    const states = new Map<number, unknown>([
      [1, state('anna', 'Anna', { role: 'facilitator' })],
      [2, state('ben', 'Ben', { role: 'participant', done: 'step-1' })],
      [3, state('ben', 'Ben', { role: 'participant', done: null })],
      [4, {}],
      [5, { user: { id: 'user:x', name: '  ' } }],
      [6, { user: null, role: 'participant' }],
    ])
    const entries = readAwareness(states, 1)
    expect(entries.map((entry) => [entry.name, entry.isSelf, entry.role])).toEqual([
      ['Anna', true, 'facilitator'],
      ['Ben', false, 'participant'],
    ])
    expect(entries[1]!.done).toEqual(['step-1'])
    expect(entries[1]!.presenceUserId).toBe('user:ben')
  })

  it('ignores malformed fields', () => {
    const entries = readAwareness(new Map([[7, { user: { id: 'user:c', name: 'Clara', color: 3 }, role: 'admin', done: 5, presence: 'x' }]]), 1)
    expect(entries).toEqual([
      expect.objectContaining({ name: 'Clara', color: '#868e96', role: null, done: [], presenceUserId: null, followingUserId: null }),
    ])
  })
})

describe('list view marker', () => {
  it('marks people with any client on the list view, and drops the mark when they leave', () => {
    const states = new Map<number, unknown>([
      [1, state('anna', 'Anna', { view: 'canvas' })],
      [2, state('ben', 'Ben', { view: 'canvas' })],
      [3, state('ben', 'Ben', { view: 'list' })], // Ben's phone
      [4, state('clara', 'Clara', { view: 7 })],
    ])
    const roster = new Roster()
    const entries = roster.update(states, 1)
    expect(entries.map((entry) => [entry.name, entry.onListView])).toEqual([
      ['Anna', false],
      ['Ben', true],
      ['Clara', false],
    ])
    const after = roster.update(new Map<number, unknown>([[1, state('anna', 'Anna', { view: 'list' })]]), 1)
    expect(after.map((entry) => [entry.name, entry.online, entry.onListView])).toEqual([
      ['Anna', true, true],
      ['Ben', false, false],
      ['Clara', false, false],
    ])
  })
})

describe('Roster', () => {
  it('keeps people who left as offline and lists you, online, offline', () => {
    const roster = new Roster()
    roster.update(
      new Map<number, unknown>([
        [1, state('me', 'Zoe')],
        [2, state('anna', 'Anna', { done: 'none' })],
        [3, state('ben', 'Ben')],
      ]),
      1,
    )
    const after = roster.update(
      new Map<number, unknown>([
        [1, state('me', 'Zoe')],
        [3, state('ben', 'Ben')],
        [4, state('carl', 'Carl')],
      ]),
      1,
    )
    expect(after.map((entry) => [entry.name, entry.online])).toEqual([
      ['Zoe', true],
      ['Ben', true],
      ['Carl', true],
      ['Anna', false],
    ])
    expect(after[3]!.done).toEqual([])
    // Anna comes back.
    const back = roster.update(new Map<number, unknown>([[1, state('me', 'Zoe')], [9, state('anna', 'Anna')]]), 1)
    expect(back.filter((entry) => entry.online).map((entry) => entry.name)).toEqual(['Zoe', 'Anna'])
  })
})

describe('done signal', () => {
  const states = new Map<number, unknown>([
    [1, state('f', 'Frida', { role: 'facilitator', done: 'none' })],
    [2, state('a', 'Anna', { role: 'participant', done: 'step-2' })],
    [3, state('b', 'Ben', { role: 'participant', done: 'step-1' })],
    [4, state('r', 'Rita', { role: 'reviewer', done: 'step-2' })],
  ])

  it('counts participants online who marked the current step', () => {
    const entries = readAwareness(states, 1)
    expect(doneSummary(entries, 'step-2')).toEqual({ done: 1, total: 2, all: false })
    expect(doneSummary(entries, 'step-1')).toEqual({ done: 1, total: 2, all: false })
    expect(doneSummary(entries, 'none')).toEqual({ done: 0, total: 2, all: false })
    expect(isDone(entries.find((entry) => entry.name === 'Anna')!, 'step-2')).toBe(true)
  })

  it('says all when every participant is done, never with nobody there', () => {
    const all = new Map(states)
    all.set(3, state('b', 'Ben', { role: 'participant', done: 'step-2' }))
    expect(doneSummary(readAwareness(all, 1), 'step-2')).toEqual({ done: 2, total: 2, all: true })
    expect(doneSummary(readAwareness(new Map([[1, states.get(1)]]), 1), 'step-2')).toEqual({ done: 0, total: 0, all: false })
  })

  it('keys steps by id, or none', () => {
    expect(stepKey(null)).toBe('none')
    expect(stepKey({ id: 's1' })).toBe('s1')
  })
})

describe('following', () => {
  it('finds whom someone follows by presence user id', () => {
    const entries = readAwareness(
      new Map<number, unknown>([
        [1, state('a', 'Anna')],
        [2, { ...state('b', 'Ben'), presence: { userId: 'user:b', followingUserId: 'user:a' } }],
      ]),
      2,
    )
    const ben = entries.find((entry) => entry.name === 'Ben')!
    expect(ben.followingUserId).toBe('user:a')
    expect(entryByPresenceUserId(entries, ben.followingUserId)?.name).toBe('Anna')
    expect(entryByPresenceUserId(entries, null)).toBeUndefined()
  })
})

describe('fill', () => {
  it('fills placeholders and leaves unknown ones', () => {
    expect(fill('{done} von {total} fertig', { done: 3, total: 5 })).toBe('3 von 5 fertig')
    expect(fill('folgt {name} {x}', { name: 'Anna' })).toBe('folgt Anna {x}')
  })
})
