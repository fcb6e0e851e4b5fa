import type { HistoryAuthor } from '@quartierboard/shared'
import { describe, expect, it } from 'vitest'
import { assignAuthorStyles, AUTHOR_COLORS, initialsOf, SERVER_INITIALS, textColorOn, UNKNOWN_AUTHOR_COLOR } from './author-palette'

const author = (id: string, name: string, firstAt: string, identityId: string | null = null, lastAt = firstAt): HistoryAuthor => ({
  id,
  userId: null,
  identityId,
  name,
  color: '#ff0000',
  role: 'participant',
  updates: 1,
  firstAt,
  lastAt,
})
const t = (minute: number) => `2025-03-15T10:${String(minute).padStart(2, '0')}:00.000Z`

describe('initialsOf', () => {
  it('takes the first letters of the first and last word, or two letters of one word', () => {
    expect(initialsOf('Paula Meier')).toBe('PM')
    expect(initialsOf('anna-lena von der Heide')).toBe('AH')
    expect(initialsOf('Ömer')).toBe('Öm')
    expect(initialsOf('  ')).toBe('?')
    expect(initialsOf(null)).toBe('?')
  })
})

describe('textColorOn', () => {
  it('picks the text colour with more contrast', () => {
    expect(textColorOn('#000000')).toBe('#ffffff')
    expect(textColorOn('#0072B2')).toBe('#ffffff')
    expect(textColorOn('#E69F00')).toBe('#000000')
    expect(textColorOn('#56B4E9')).toBe('#000000')
  })
})

describe('assignAuthorStyles', () => {
  it('gives people distinct palette colours in the order of their first change, ignoring the colours they picked', () => {
    const styles = assignAuthorStyles([author('c2', 'Rita Wolf', t(5)), author('c1', 'Paula Meier', t(1))])
    expect(styles.people.map((style) => [style.name, style.color, style.initials])).toEqual([
      ['Paula Meier', AUTHOR_COLORS[0], 'PM'],
      ['Rita Wolf', AUTHOR_COLORS[1], 'RW'],
    ])
    expect(new Set(AUTHOR_COLORS).size).toBe(AUTHOR_COLORS.length)
  })

  it('gives the tabs of one identity one style, named as the latest tab showed', () => {
    const styles = assignAuthorStyles([author('tab1', 'Paula', t(1), 'id-p', t(2)), author('tab2', 'Paula M.', t(3), 'id-p', t(9)), author('c3', 'Rita', t(2))])
    expect(styles.people).toHaveLength(2)
    expect(styles.of('tab1')).toBe(styles.of('tab2'))
    expect(styles.of('tab1').name).toBe('Paula M.')
    expect(styles.of('c3').color).not.toBe(styles.of('tab1').color)
  })

  it('numbers shared initials and switches to a stroke pattern once the colours run out', () => {
    const many = Array.from({ length: AUTHOR_COLORS.length + 1 }, (_, index) => author(`c${index}`, `Person ${index}`, t(index)))
    many.push(author('x', 'Paula Meier', t(30)), author('y', 'Peter Müller', t(31)))
    const styles = assignAuthorStyles(many)
    expect(styles.of('c0').dash).toBeNull()
    expect(styles.of(`c${AUTHOR_COLORS.length}`).color).toBe(styles.of('c0').color)
    expect(styles.of(`c${AUTHOR_COLORS.length}`).dash).not.toBeNull()
    expect([styles.of('x').initials, styles.of('y').initials]).toEqual(['PM', 'PM2'])
  })

  it('styles unknown connections grey with "?", and server changes with a gear', () => {
    const styles = assignAuthorStyles([author('facilitator:import', '', t(1))])
    expect(styles.of('nobody')).toMatchObject({ color: UNKNOWN_AUTHOR_COLOR, initials: '?', name: null })
    expect(styles.of('facilitator:import')).toMatchObject({ initials: SERVER_INITIALS, serverAction: true, name: null })
  })
})
