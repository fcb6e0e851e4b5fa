/**
 * "Wer hat was geschrieben": the shapes with text on the board at the moment shown, grouped by the
 * person who created them (people in the order of their styles, shapes in the order they were made).
 */
import type { AuthorStyle, AuthorStyles } from './author-palette'
import type { BoardRecord } from './board-diff'
import type { ShapeProvenance } from './change-log'
import { shapeText } from './shape-label'

export interface WrittenEntry {
  shapeId: string
  text: string
  record: BoardRecord
  createdAt: number
}

export interface WrittenByPerson {
  style: AuthorStyle
  entries: WrittenEntry[]
}

/** @param shapes the shape records on the board now (any page) */
export function writtenBy(shapes: readonly BoardRecord[], provenance: ReadonlyMap<string, ShapeProvenance>, styles: AuthorStyles): WrittenByPerson[] {
  const groups = new Map<string, WrittenByPerson>()
  for (const record of shapes) {
    const id = typeof record.id === 'string' ? record.id : null
    const made = id === null ? undefined : provenance.get(id)
    if (!made) continue
    const text = shapeText(record)
    if (!text) continue
    const style = styles.of(made.createdBy)
    const group = groups.get(style.person) ?? { style, entries: [] }
    group.entries.push({ shapeId: id!, text, record, createdAt: made.createdAt })
    groups.set(style.person, group)
  }
  const order = new Map(styles.people.map((style, index) => [style.person, index]))
  const rank = (person: string) => order.get(person) ?? Number.MAX_SAFE_INTEGER
  const result = [...groups.values()].sort((a, b) => rank(a.style.person) - rank(b.style.person) || a.style.person.localeCompare(b.style.person))
  for (const group of result) group.entries.sort((a, b) => a.createdAt - b.createdAt || a.shapeId.localeCompare(b.shapeId))
  return result
}
