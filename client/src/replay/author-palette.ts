/**
 * How the replay tells authors apart: a colour from the Okabe–Ito palette (chosen so that people
 * with the common colour-vision deficiencies can still tell the colours apart) and, because colour
 * alone is never enough, short initials drawn on every outline and a stroke pattern once the
 * colours run out.
 *
 * Authors are people, not tabs: connections that presented the same identity share one style. Styles
 * are handed out in the order people first changed the timeline, so a person keeps their colour
 * while the reviewer scrubs (the window's authors change, the assignment does not).
 */
import type { HistoryAuthor } from '@quartierboard/shared'

/**
 * Okabe & Ito's palette (2008) in the order we hand it out; yellow is left out because it
 * vanishes against the white canvas.
 */
export const AUTHOR_COLORS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#D55E00', '#56B4E9', '#000000'] as const

/** Stroke patterns (SVG dash arrays) for the 1st, 2nd, 3rd round through the colours. */
export const AUTHOR_DASHES = [null, '10 4', '2 4'] as const

/** Initials of server-written changes: a gear, the same in every language. */
export const SERVER_INITIALS = '⚙'

export const UNKNOWN_AUTHOR_COLOR = '#868e96'

export interface AuthorStyle {
  /** The person's key: their identity, or the connection for one without. */
  person: string
  /** The name the person's latest connection showed; null when none is known. */
  name: string | null
  color: string
  /** Text colour that reads on `color` (black or white). */
  textColor: string
  /** Dash array of the outline; null for a solid line. */
  dash: string | null
  /** One to three characters shown on the person's outlines and in lists. */
  initials: string
  /** A change the server wrote for the facilitation (an import, a restore, revealed notes). */
  serverAction: boolean
}

/** Server-written changes carry an author like `facilitator:import` and no connection. */
export function isServerAuthor(connectionId: string): boolean {
  return connectionId.startsWith('facilitator:')
}

/** The key that groups a connection's changes with the person's other tabs. */
export function personKey(author: Pick<HistoryAuthor, 'id' | 'identityId'>): string {
  return author.identityId ? `identity:${author.identityId}` : `connection:${author.id}`
}

/** "Paula Meier" → "PM", "Paula" → "Pa", "" → "?". Letters only, so any script works. */
export function initialsOf(name: string | null | undefined): string {
  const words = (name ?? '').split(/[^\p{L}\p{N}]+/u).filter(Boolean)
  if (words.length === 0) return '?'
  const first = [...words[0]!]
  if (words.length === 1) return (first[0]!.toUpperCase() + (first[1] ?? '').toLowerCase()).trim()
  return (first[0]! + [...words.at(-1)!][0]!).toUpperCase()
}

/** Black or white, whichever contrasts more with the colour (WCAG relative luminance). */
export function textColorOn(hex: string): '#000000' | '#ffffff' {
  const match = /^#([0-9a-f]{6})$/i.exec(hex)
  if (!match) return '#ffffff'
  const channel = (offset: number) => {
    const value = parseInt(match[1]!.slice(offset, offset + 2), 16) / 255
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4
  }
  const luminance = 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4)
  // Contrast with white (1.05 / (L + 0.05)) against contrast with black ((L + 0.05) / 0.05).
  return 1.05 / (luminance + 0.05) >= (luminance + 0.05) / 0.05 ? '#ffffff' : '#000000'
}

export interface AuthorStyles {
  /** The style of a connection id; a grey "?" style for connections the history does not know. */
  of(connectionId: string): AuthorStyle
  /** One entry per person, in the order styles were handed out. */
  people: readonly AuthorStyle[]
}

/**
 * Assigns styles to the history's authors: one per person, in order of their first change, named
 * by the name their latest connection showed; initials that two people share get a number ("PM", "PM2").
 */
export function assignAuthorStyles(authors: readonly HistoryAuthor[]): AuthorStyles {
  const groups = new Map<string, HistoryAuthor[]>()
  for (const author of authors) {
    const person = personKey(author)
    groups.set(person, [...(groups.get(person) ?? []), author])
  }
  const first = (list: readonly HistoryAuthor[]) => list.map((author) => author.firstAt ?? '').sort()[0] ?? ''
  const ordered = [...groups.entries()].sort(([keyA, a], [keyB, b]) => first(a).localeCompare(first(b)) || keyA.localeCompare(keyB))
  const byConnection = new Map<string, AuthorStyle>()
  const usedInitials = new Map<string, number>()
  const people = ordered.map(([person, connections], index): AuthorStyle => {
    const latest = [...connections].sort((a, b) => (b.lastAt ?? '').localeCompare(a.lastAt ?? ''))[0]!
    const color = AUTHOR_COLORS[index % AUTHOR_COLORS.length]!
    const serverAction = connections.every((connection) => isServerAuthor(connection.id))
    const base = serverAction ? SERVER_INITIALS : initialsOf(latest.name)
    const seen = (usedInitials.get(base) ?? 0) + 1
    usedInitials.set(base, seen)
    const style: AuthorStyle = {
      person,
      name: latest.name || null,
      color,
      textColor: textColorOn(color),
      dash: AUTHOR_DASHES[Math.floor(index / AUTHOR_COLORS.length) % AUTHOR_DASHES.length]!,
      initials: seen === 1 || serverAction ? base : `${base}${seen}`,
      serverAction,
    }
    for (const connection of connections) byConnection.set(connection.id, style)
    return style
  })
  return {
    of: (connectionId) =>
      byConnection.get(connectionId) ?? {
        person: `connection:${connectionId}`,
        name: null,
        color: UNKNOWN_AUTHOR_COLOR,
        textColor: '#ffffff',
        dash: '2 4',
        initials: isServerAuthor(connectionId) ? SERVER_INITIALS : '?',
        serverAction: isServerAuthor(connectionId),
      },
    people,
  }
}
