import type { HistoryAuthor, HistoryChange } from '@quartierboard/shared'
import { describe, expect, it } from 'vitest'
import { safeColor, summariseAttribution, UNKNOWN_AUTHOR_COLOR } from './attribution'

const author = (id: string, name: string, color: string): HistoryAuthor => ({
  id,
  userId: null,
  identityId: null,
  name,
  color,
  role: 'participant',
  updates: 1,
  firstAt: null,
  lastAt: null,
})
const change = (who: string, put: string[], removed: string[] = []): HistoryChange => ({ at: '2025-03-15T10:00:00.000Z', author: who, put, removed })

describe('summariseAttribution', () => {
  const authors = [author('c1', 'Paula', '#e03131'), author('c2', 'Rita', '#1971c2')]

  it('counts changes per author and colours shapes by whoever put them last', () => {
    const result = summariseAttribution(
      [change('c1', ['shape:a', 'page:page']), change('c2', ['shape:a', 'shape:b']), change('c1', ['shape:c']), change('c2', [], ['shape:b'])],
      authors,
    )
    expect(result.authors.map((a) => [a.name, a.changes, a.shapeIds])).toEqual([
      ['Paula', 2, ['shape:a', 'shape:c']],
      ['Rita', 2, ['shape:a', 'shape:b']],
    ])
    expect(Object.fromEntries(result.shapeColors)).toEqual({ 'shape:a': '#1971c2', 'shape:c': '#e03131' })
  })

  it('keeps unknown connections, without a name and in grey', () => {
    const result = summariseAttribution([change('c9', ['shape:x'])], authors)
    expect(result.authors).toEqual([{ id: 'c9', name: null, color: UNKNOWN_AUTHOR_COLOR, role: null, changes: 1, shapeIds: ['shape:x'] }])
  })

  it('accepts only plain CSS colours', () => {
    expect(safeColor('#ABCDEF')).toBe('#ABCDEF')
    expect(safeColor('hsl(10, 50%, 40%)')).toBe('hsl(10, 50%, 40%)')
    expect(safeColor('red;background:url(x)')).toBe(UNKNOWN_AUTHOR_COLOR)
    expect(safeColor(null)).toBe(UNKNOWN_AUTHOR_COLOR)
  })
})
