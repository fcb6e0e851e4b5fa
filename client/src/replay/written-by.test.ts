import type { HistoryAuthor } from '@quartierboard/shared'
import { describe, expect, it } from 'vitest'
import { assignAuthorStyles } from './author-palette'
import type { ShapeProvenance } from './change-log'
import { writtenBy } from './written-by'

const author = (id: string, name: string, firstAt: string): HistoryAuthor => ({
  id,
  userId: null,
  identityId: null,
  name,
  color: '#000',
  role: 'participant',
  updates: 1,
  firstAt,
  lastAt: firstAt,
})
const note = (id: string, text: string) => ({ id, typeName: 'shape', type: 'note', props: { richText: { type: 'doc', content: text ? [{ type: 'paragraph', content: [{ type: 'text', text }] }] : [] } } })
const made = (by: string, at: number, changedBy = by): ShapeProvenance => ({ createdBy: by, createdAt: at, changedBy, changedAt: at })

describe('writtenBy', () => {
  it('lists each person’s shapes with text, people in style order, shapes in the order they were made', () => {
    const styles = assignAuthorStyles([author('r', 'Rita', '2025-01-01T10:00:00Z'), author('p', 'Paula', '2025-01-01T09:00:00Z')])
    const shapes = [note('shape:late', 'Zweite Idee'), note('shape:early', 'Leerstand'), note('shape:rita', 'Spielplatz'), note('shape:empty', ''), note('shape:unknown', 'x')]
    const provenance = new Map([
      ['shape:late', made('p', 300)],
      ['shape:early', made('p', 100, 'r')],
      ['shape:rita', made('r', 200)],
      ['shape:empty', made('r', 250)],
    ])
    const result = writtenBy(shapes, provenance, styles)
    expect(result.map((group) => [group.style.name, group.entries.map((entry) => entry.text)])).toEqual([
      ['Paula', ['Leerstand', 'Zweite Idee']],
      ['Rita', ['Spielplatz']],
    ])
  })
})
