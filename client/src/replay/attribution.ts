/**
 * Who changed what in a window of board time: from the stored updates (`/history/changes`) and the
 * authors' styles (author-palette.ts), the people active in the window with their number of changes,
 * and the style to outline each shape in (whoever changed it last).
 */
import type { HistoryChange } from '@quartierboard/shared'
import type { AuthorStyle, AuthorStyles } from './author-palette'

/** Windows the reviewer can choose, in ms of board time before the current moment. */
export const ATTRIBUTION_WINDOWS_MS = [10_000, 60_000, 300_000, 900_000] as const
export const DEFAULT_ATTRIBUTION_WINDOW_MS = 60_000

export interface AuthorActivity {
  /** The person's key (author-palette.ts `personKey`). */
  id: string
  style: AuthorStyle
  changes: number
  /** Shapes this person put (added or changed) in the window. */
  shapeIds: string[]
}

export interface Attribution {
  authors: AuthorActivity[]
  /** Shape id to the style of the person who put it last in the window. */
  shapeStyles: Map<string, AuthorStyle>
}

export function isShapeId(id: string): boolean {
  return id.startsWith('shape:')
}

/** Summarises `changes` (in time order) by person. People with the most changes come first. */
export function summariseAttribution(changes: readonly HistoryChange[], styles: AuthorStyles): Attribution {
  const activity = new Map<string, AuthorActivity & { shapes: Set<string> }>()
  const shapeStyles = new Map<string, AuthorStyle>()
  for (const change of changes) {
    const style = styles.of(change.author)
    let entry = activity.get(style.person)
    if (!entry) {
      entry = { id: style.person, style, changes: 0, shapeIds: [], shapes: new Set() }
      activity.set(style.person, entry)
    }
    entry.changes++
    for (const id of change.put) {
      if (!isShapeId(id)) continue
      entry.shapes.add(id)
      // Re-insert so the map's order is "last put wins" when drawn.
      shapeStyles.delete(id)
      shapeStyles.set(id, style)
    }
    for (const id of change.removed) shapeStyles.delete(id)
  }
  const list = [...activity.values()]
    .map(({ shapes, ...rest }) => ({ ...rest, shapeIds: [...shapes] }))
    .sort((a, b) => b.changes - a.changes || (a.style.name ?? '').localeCompare(b.style.name ?? ''))
  return { authors: list, shapeStyles }
}
