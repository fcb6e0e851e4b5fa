/**
 * The results record ("Ergebnisprotokoll") of a board as a plain model: one group per frame in reading
 * order with the sticky notes and text shapes inside it, then the ones outside every frame. Markdown, CSV
 * and JSON renderers read this model, so all three list the same items in the same order.
 *
 * Membership rule: a note or text belongs to the innermost frame on its parent chain (tldraw reparents a
 * shape into a frame when it is dropped there; groups in between are looked through). Geometry is not
 * consulted, so a shape merely lying over a frame it is not a child of counts as outside.
 */
import type { TLRecord, TLShape } from '@tldraw/tlschema'
import type { FieldOfAction } from '../api.js'
import { BoardGeometry, inReadingOrder, type PlacedShape } from './reading-order.js'
import { assertTimeZone, colorLabel, DEFAULT_RESULTS_TIME_ZONE, fieldLabel, RESULTS_TEXT, type ResultsLocale } from './results-labels.js'
import { plainTextOf } from './rich-text.js'

/** Who wrote a shape's text and when (epoch ms), as the server's history knows it. */
export interface ResultsAuthor {
  name: string
  at: number
}

/** Input of {@link buildResultsRecord}. */
export interface ResultsRecordInput {
  workshop: { title: string; field: FieldOfAction }
  session?: { title: string; startedAt: number; endedAt?: number | null } | null
  participantCount: number
  records: readonly TLRecord[]
  /** Author per shape id. */
  authors?: ReadonlyMap<string, ResultsAuthor>
  /** Vote count per shape id. */
  votes?: ReadonlyMap<string, number>
  /** Epoch ms the record is generated at. */
  generatedAt: number
  locale?: ResultsLocale
  /** IANA time zone for dates and times in Markdown; default Europe/Berlin. */
  timeZone?: string
}

/** Shape types that are contributions in the results record. */
export type ResultsItemType = 'note' | 'text'

/** One sticky note or text shape. */
export interface ResultsItem {
  id: string
  /** 1-based position within its group. */
  order: number
  type: ResultsItemType
  /** Plain text as on the board (see `plainTextOf`): newlines kept, not trimmed. */
  text: string
  /** tldraw colour name, e.g. `light-blue`. */
  color: string
  /** Colour in the record's language, e.g. `Hellblau`. */
  colorLabel: string
  author: string | null
  /** Epoch ms of the author's last edit, when known. */
  at: number | null
  votes: number
}

/** One frame's contributions, or (frameId null) those outside every frame. */
export interface ResultsGroup {
  frameId: string | null
  title: string
  items: ResultsItem[]
}

/** The results record of a board, ready for rendering. */
export interface ResultsRecord {
  locale: ResultsLocale
  timeZone: string
  workshop: { title: string; field: FieldOfAction; fieldLabel: string }
  session: { title: string; startedAt: number; endedAt: number | null } | null
  participantCount: number
  generatedAt: number
  groups: ResultsGroup[]
}

const ITEM_TYPES: ReadonlySet<string> = new Set<ResultsItemType>(['note', 'text'])

function colorOf(shape: TLShape): string {
  const props: unknown = shape.props
  if (typeof props === 'object' && props !== null && 'color' in props && typeof props.color === 'string') return props.color
  return 'black'
}

function voteCount(votes: ReadonlyMap<string, number> | undefined, id: string): number {
  const count = votes?.get(id) ?? 0
  return Number.isFinite(count) && count > 0 ? Math.floor(count) : 0
}

function itemsOf(placed: PlacedShape[], input: ResultsRecordInput, locale: ResultsLocale, geometry: BoardGeometry): ResultsItem[] {
  return inReadingOrder(placed, geometry).map(({ shape }, index) => {
    const author = input.authors?.get(shape.id)
    const color = colorOf(shape)
    return {
      id: shape.id,
      order: index + 1,
      type: shape.type as ResultsItemType,
      text: plainTextOf(shape),
      color,
      colorLabel: colorLabel(color, locale),
      author: author ? author.name : null,
      at: author && Number.isFinite(author.at) ? author.at : null,
      votes: voteCount(input.votes, shape.id),
    }
  })
}

/** Builds the results record: frames in reading order with their notes and texts, then those outside frames. */
export function buildResultsRecord(input: ResultsRecordInput): ResultsRecord {
  const locale = input.locale ?? 'de'
  const timeZone = input.timeZone ?? DEFAULT_RESULTS_TIME_ZONE
  assertTimeZone(timeZone)
  const text = RESULTS_TEXT[locale]
  const geometry = new BoardGeometry(input.records)

  const frames: PlacedShape[] = []
  const itemsByFrame = new Map<string | null, PlacedShape[]>()
  for (const shape of geometry.allShapes()) {
    if (shape.type === 'frame') frames.push(geometry.place(shape))
    else if (ITEM_TYPES.has(shape.type)) {
      const placed = geometry.place(shape)
      const items = itemsByFrame.get(placed.frameId)
      if (items) items.push(placed)
      else itemsByFrame.set(placed.frameId, [placed])
    }
  }

  const groups: ResultsGroup[] = inReadingOrder(frames, geometry).map(({ shape }) => ({
    frameId: shape.id,
    title: plainTextOf(shape).trim() || text.untitledFrame,
    items: itemsOf(itemsByFrame.get(shape.id) ?? [], input, locale, geometry),
  }))
  const outside = itemsByFrame.get(null)
  if (outside) groups.push({ frameId: null, title: text.outsideFrames, items: itemsOf(outside, input, locale, geometry) })

  return {
    locale,
    timeZone,
    workshop: { title: input.workshop.title, field: input.workshop.field, fieldLabel: fieldLabel(input.workshop.field, locale) },
    session: input.session
      ? { title: input.session.title, startedAt: input.session.startedAt, endedAt: input.session.endedAt ?? null }
      : null,
    participantCount: input.participantCount,
    generatedAt: input.generatedAt,
    groups,
  }
}
