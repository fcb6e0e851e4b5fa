import type { HistoryAuthor, HistoryChange } from '@quartierboard/shared'
import { describe, expect, it } from 'vitest'
import { summariseAttribution } from './attribution'
import { assignAuthorStyles, UNKNOWN_AUTHOR_COLOR } from './author-palette'

const author = (id: string, name: string, firstAt: string, identityId: string | null = null): HistoryAuthor => ({
  id,
  userId: null,
  identityId,
  name,
  color: '#e03131',
  role: 'participant',
  updates: 1,
  firstAt,
  lastAt: firstAt,
})
const change = (who: string, put: string[], removed: string[] = []): HistoryChange => ({ at: '2025-03-15T10:00:00.000Z', author: who, put, removed })

describe('summariseAttribution', () => {
  const styles = assignAuthorStyles([
    author('c1', 'Paula', '2025-03-15T09:00:00.000Z', 'id-paula'),
    author('c1b', 'Paula', '2025-03-15T09:30:00.000Z', 'id-paula'),
    author('c2', 'Rita', '2025-03-15T09:10:00.000Z'),
  ])

  it('counts changes per person (tabs together) and styles shapes by whoever put them last', () => {
    const result = summariseAttribution(
      [change('c1', ['shape:a', 'page:page']), change('c2', ['shape:a', 'shape:b']), change('c1b', ['shape:c']), change('c2', [], ['shape:b'])],
      styles,
    )
    expect(result.authors.map((a) => [a.style.name, a.changes, a.shapeIds])).toEqual([
      ['Paula', 2, ['shape:a', 'shape:c']],
      ['Rita', 2, ['shape:a', 'shape:b']],
    ])
    expect(Object.fromEntries([...result.shapeStyles].map(([id, style]) => [id, style.initials]))).toEqual({ 'shape:a': 'Ri', 'shape:c': 'Pa' })
  })

  it('keeps unknown connections, without a name and in grey', () => {
    const result = summariseAttribution([change('c9', ['shape:x'])], styles)
    expect(result.authors).toHaveLength(1)
    expect(result.authors[0]).toMatchObject({ changes: 1, shapeIds: ['shape:x'], style: { name: null, color: UNKNOWN_AUTHOR_COLOR, initials: '?' } })
  })
})
