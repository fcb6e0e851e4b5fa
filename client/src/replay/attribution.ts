/**
 * Who changed what in a window of board time: from the stored updates (`/history/changes`) and the
 * history's authors, the authors active in the window with their colour and number of changes,
 * and the colour to outline each shape in (whoever changed it last).
 */
import type { HistoryAuthor, HistoryChange } from '@quartierboard/shared'

/** Windows the reviewer can choose, in ms of board time before the current moment. */
export const ATTRIBUTION_WINDOWS_MS = [10_000, 60_000, 300_000, 900_000] as const
export const DEFAULT_ATTRIBUTION_WINDOW_MS = 60_000

export const UNKNOWN_AUTHOR_COLOR = '#868e96'

export interface AuthorActivity {
  id: string
  name: string | null
  color: string
  role: HistoryAuthor['role'] | null
  changes: number
  /** Shapes this author put (added or changed) in the window. */
  shapeIds: string[]
}

export interface Attribution {
  authors: AuthorActivity[]
  /** Shape id to the colour of the author who put it last in the window. */
  shapeColors: Map<string, string>
}

const CSS_COLOR = /^(#[0-9a-f]{3,8}|(rgb|rgba|hsl|hsla)\([\d\s.,%/-]+\)|[a-z]{3,20})$/i

/** The author's colour when it is a plain CSS colour, else grey. */
export function safeColor(color: string | null | undefined): string {
  return color && CSS_COLOR.test(color.trim()) ? color.trim() : UNKNOWN_AUTHOR_COLOR
}

export function isShapeId(id: string): boolean {
  return id.startsWith('shape:')
}

/** Summarises `changes` (in time order) by author. Authors with the most changes come first. */
export function summariseAttribution(changes: readonly HistoryChange[], authors: readonly HistoryAuthor[]): Attribution {
  const known = new Map(authors.map((author) => [author.id, author]))
  const activity = new Map<string, AuthorActivity & { shapes: Set<string> }>()
  const shapeColors = new Map<string, string>()
  for (const change of changes) {
    let entry = activity.get(change.author)
    if (!entry) {
      const author = known.get(change.author)
      entry = {
        id: change.author,
        name: author?.name ?? null,
        color: safeColor(author?.color),
        role: author?.role ?? null,
        changes: 0,
        shapeIds: [],
        shapes: new Set(),
      }
      activity.set(change.author, entry)
    }
    entry.changes++
    for (const id of change.put) {
      if (!isShapeId(id)) continue
      entry.shapes.add(id)
      // Re-insert so the map's order is "last put wins" when drawn.
      shapeColors.delete(id)
      shapeColors.set(id, entry.color)
    }
    for (const id of change.removed) shapeColors.delete(id)
  }
  const list = [...activity.values()]
    .map(({ shapes, ...rest }) => ({ ...rest, shapeIds: [...shapes] }))
    .sort((a, b) => b.changes - a.changes || (a.name ?? '').localeCompare(b.name ?? ''))
  return { authors: list, shapeColors }
}
