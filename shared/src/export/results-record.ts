/**
 * The results record ("Ergebnisprotokoll") of a board as a plain model: one group per frame in export order
 * (`framesInReadingOrder`), then the contributions outside every frame. Markdown, CSV and JSON renderers
 * read this model, so all three list the same items in the same order.
 *
 * What counts: everything people wrote. Sticky notes and text shapes (also empty ones), geo shapes with a
 * label, arrows bound to two shapes as relations ("Kulturverein → Quartiersmanagement: Förderung"), and
 * other arrows with a label. Template scaffolding nobody changed is left out (`isUntouchedScaffold`; the
 * example arrow also while both its ends are template shapes).
 *
 * Membership rule: a shape belongs to the innermost frame on its parent chain (tldraw reparents a shape into
 * a frame when it is dropped there; groups in between are looked through). Geometry is not consulted, so a
 * shape merely lying over a frame it is not a child of counts as outside. A relation is listed with the
 * group of its start shape, after the group's shapes. Areas are geometric: an item whose anchor (the centre;
 * for text, the middle of its first line) lies on a labelled geo shape larger than the item names the smallest
 * such shape as its area, by the first line of that shape's label (the actor map's fields).
 */
import type { TLArrowBinding, TLRecord, TLShape } from '@tldraw/tlschema'
import type { FieldOfAction } from '../api.js'
import { isUntouchedScaffold, templateProvenance } from '../templates/template-meta.js'
import { framesInReadingOrder } from './frame-order.js'
import { BoardGeometry, inReadingOrder, shapeSize, type PlacedShape } from './reading-order.js'
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
  /** Shapes, pages and arrow bindings of the board (other records are ignored). */
  records: readonly TLRecord[]
  /** Author per shape id. */
  authors?: ReadonlyMap<string, ResultsAuthor>
  /** Vote count per shape id. */
  votes?: ReadonlyMap<string, number>
  /** Epoch ms the record is generated at. */
  generatedAt: number
  /** Epoch ms of the past moment the board was cut at (from the history); absent or null: the board as it is now. */
  moment?: number | null
  locale?: ResultsLocale
  /** IANA time zone for dates and times in Markdown; default Europe/Berlin. */
  timeZone?: string
}

/** Kinds of contributions: sticky note, text shape, labelled geo shape, arrow between two shapes, other labelled arrow. */
export type ResultsItemType = 'note' | 'text' | 'geo' | 'relation' | 'arrow'

/** Which ends of a relation carry an arrowhead: `forward` start → end, `backward` end → start. */
export type RelationDirection = 'forward' | 'backward' | 'both' | 'none'

/** The two shapes an arrow connects. */
export interface ResultsRelation {
  fromId: string
  /** Text of the start shape on one line ('' when it has none). */
  from: string
  toId: string
  to: string
  /** The arrow's own label on one line. */
  label: string
  direction: RelationDirection
}

/** One contribution. */
export interface ResultsItem {
  id: string
  /** 1-based position within its group. */
  order: number
  type: ResultsItemType
  /**
   * Plain text as on the board (see `plainTextOf`): newlines kept, not trimmed. For a relation, the
   * sentence "from → to: label" (see {@link relationSentence}).
   */
  text: string
  /** tldraw colour name, e.g. `light-blue`. */
  color: string
  /** Colour as drawn, in the record's language, e.g. `Hellblau`, `Gelb` for a `black` note. */
  colorLabel: string
  /** First line of the label of the labelled geo shape the item lies on, e.g. `Zivilgesellschaftliche Initiativen`. */
  area: string | null
  /** The connected shapes, for `relation` items; null otherwise. */
  relation: ResultsRelation | null
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
  /** The past moment the board shows, or null for the board as it was when generated. */
  moment: number | null
  groups: ResultsGroup[]
}

/** Shapes that are contributions by themselves (geo only with a label). */
const SHAPE_ITEM_TYPES: ReadonlySet<string> = new Set(['note', 'text', 'geo'])

/** Offset of a text shape's anchor below its top (about half a first line), page units at scale 1. */
const TEXT_ANCHOR_DY = 12

const ARROWS: Record<RelationDirection, string> = { forward: '→', backward: '←', both: '↔', none: '–' }

/** A relation as one line: `Kulturverein → Quartiersmanagement: Förderung` (without `: …` when unlabelled). */
export function relationSentence(relation: Pick<ResultsRelation, 'from' | 'to' | 'label' | 'direction'>, empty: string): string {
  const core = `${relation.from || empty} ${ARROWS[relation.direction]} ${relation.to || empty}`
  return relation.label ? `${core}: ${relation.label}` : core
}

function stringProp(shape: TLShape, key: string): string | null {
  const props: unknown = shape.props
  if (typeof props !== 'object' || props === null || !(key in props)) return null
  const value = (props as Record<string, unknown>)[key]
  return typeof value === 'string' ? value : null
}

function oneLine(text: string): string {
  return text.split(/\s*\n\s*/).join(' ').trim()
}

function voteCount(votes: ReadonlyMap<string, number> | undefined, id: string): number {
  const count = votes?.get(id) ?? 0
  return Number.isFinite(count) && count > 0 ? Math.floor(count) : 0
}

/** The labelled geo shapes of the board with the name of the area each one is. */
interface Area {
  shape: TLShape
  pageId: string
  size: { w: number; h: number }
  name: string
}

function areasOf(geometry: BoardGeometry): Area[] {
  const areas: Area[] = []
  for (const shape of geometry.allShapes()) {
    if (shape.type !== 'geo') continue
    const name = plainTextOf(shape).split('\n').map((line) => line.trim()).find((line) => line.length > 0)
    const size = shapeSize(shape)
    if (name && size) areas.push({ shape, pageId: geometry.place(shape).pageId, size, name })
  }
  return areas
}

/** The page point that decides which area a shape lies in, or null for shapes without one. */
function anchorOf(shape: TLShape, geometry: BoardGeometry): { x: number; y: number } | null {
  const size = shapeSize(shape)
  if (size) return geometry.toPage(shape, { x: size.w / 2, y: size.h / 2 })
  if (shape.type === 'text') {
    const props: unknown = shape.props
    const w = typeof props === 'object' && props !== null && 'w' in props && typeof props.w === 'number' ? props.w : 0
    return geometry.toPage(shape, { x: w / 2, y: TEXT_ANCHOR_DY })
  }
  return null
}

/** The smallest area under the shape's anchor that is larger than the shape itself. */
function areaOf(shape: TLShape, pageId: string, areas: readonly Area[], geometry: BoardGeometry): string | null {
  const anchor = anchorOf(shape, geometry)
  if (!anchor) return null
  const own = shapeSize(shape)
  const ownArea = own ? own.w * own.h : 0
  let best: Area | null = null
  for (const area of areas) {
    if (area.shape.id === shape.id || area.size.w * area.size.h <= ownArea || area.pageId !== pageId) continue
    if (!geometry.covers(area.shape, area.size, anchor)) continue
    if (!best || area.size.w * area.size.h < best.size.w * best.size.h) best = area
  }
  return best ? best.name : null
}

/** The start and end shape each arrow is bound to. */
function arrowEnds(records: readonly TLRecord[]): Map<string, { start?: string; end?: string }> {
  const ends = new Map<string, { start?: string; end?: string }>()
  for (const record of records) {
    if (record.typeName !== 'binding' || record.type !== 'arrow') continue
    const binding = record as TLArrowBinding
    const entry = ends.get(binding.fromId) ?? {}
    entry[binding.props.terminal] = binding.toId
    ends.set(binding.fromId, entry)
  }
  return ends
}

function directionOf(arrow: TLShape): RelationDirection {
  const start = (stringProp(arrow, 'arrowheadStart') ?? 'none') !== 'none'
  const end = (stringProp(arrow, 'arrowheadEnd') ?? 'none') !== 'none'
  return start && end ? 'both' : start ? 'backward' : end ? 'forward' : 'none'
}

/** A contribution found on the board, before it is numbered. */
interface Candidate extends PlacedShape {
  type: ResultsItemType
  text: string
  area: string | null
  relation: ResultsRelation | null
}

/** Collects the board's contributions (see the module header), keyed by group (frame id or null). */
function collect(records: readonly TLRecord[], geometry: BoardGeometry, empty: string): { shapes: Map<string | null, Candidate[]>; relations: Map<string | null, Candidate[]> } {
  const shapes = new Map<string | null, Candidate[]>()
  const relations = new Map<string | null, Candidate[]>()
  const add = (into: Map<string | null, Candidate[]>, group: string | null, candidate: Candidate) => {
    const list = into.get(group)
    if (list) list.push(candidate)
    else into.set(group, [candidate])
  }
  const areas = areasOf(geometry)
  const ends = arrowEnds(records)

  for (const shape of geometry.allShapes()) {
    if (SHAPE_ITEM_TYPES.has(shape.type)) {
      const text = plainTextOf(shape)
      if (shape.type === 'geo' && text.trim() === '') continue
      if (isUntouchedScaffold(shape)) continue
      const placed = geometry.place(shape)
      add(shapes, placed.frameId, { ...placed, type: shape.type as ResultsItemType, text, area: areaOf(shape, placed.pageId, areas, geometry), relation: null })
      continue
    }
    if (shape.type !== 'arrow') continue
    const bound = ends.get(shape.id)
    const start = bound?.start === undefined ? undefined : geometry.shape(bound.start)
    const end = bound?.end === undefined ? undefined : geometry.shape(bound.end)
    const label = oneLine(plainTextOf(shape))
    if (start && end) {
      const example = templateProvenance(start) !== null && templateProvenance(end) !== null
      if (example && isUntouchedScaffold(shape)) continue
      const relation: ResultsRelation = {
        fromId: start.id,
        from: oneLine(plainTextOf(start)),
        toId: end.id,
        to: oneLine(plainTextOf(end)),
        label,
        direction: directionOf(shape),
      }
      const from = geometry.place(start)
      const group = start.type === 'frame' ? start.id : from.frameId
      add(relations, group, { ...from, shape, type: 'relation', text: relationSentence(relation, empty), area: null, relation })
    } else if (label !== '' && !isUntouchedScaffold(shape)) {
      const placed = geometry.place(shape)
      add(shapes, placed.frameId, { ...placed, type: 'arrow', text: plainTextOf(shape), area: null, relation: null })
    }
  }
  return { shapes, relations }
}

/** Builds the results record: frames in export order with their contributions, then those outside frames. */
export function buildResultsRecord(input: ResultsRecordInput): ResultsRecord {
  const locale = input.locale ?? 'de'
  const timeZone = input.timeZone ?? DEFAULT_RESULTS_TIME_ZONE
  assertTimeZone(timeZone)
  const text = RESULTS_TEXT[locale]
  const geometry = new BoardGeometry(input.records)
  const { shapes, relations } = collect(input.records, geometry, text.empty)

  const itemsOf = (group: string | null): ResultsItem[] => {
    const ordered = [...inReadingOrder(shapes.get(group) ?? [], geometry), ...inReadingOrder(relations.get(group) ?? [], geometry)]
    return ordered.map((candidate, index) => {
      const { shape } = candidate
      const author = input.authors?.get(shape.id)
      const color = stringProp(shape, 'color') ?? 'black'
      return {
        id: shape.id,
        order: index + 1,
        type: candidate.type,
        text: candidate.text,
        color,
        colorLabel: colorLabel(color, locale, shape.type),
        area: candidate.area,
        relation: candidate.relation,
        author: author ? author.name : null,
        at: author && Number.isFinite(author.at) ? author.at : null,
        votes: voteCount(input.votes, shape.id),
      }
    })
  }

  const groups: ResultsGroup[] = framesInReadingOrder(input.records, geometry).map((frame) => ({
    frameId: frame.id,
    title: frame.name.trim() || text.untitledFrame,
    items: itemsOf(frame.id),
  }))
  const outside = itemsOf(null)
  if (outside.length > 0) groups.push({ frameId: null, title: text.outsideFrames, items: outside })

  return {
    locale,
    timeZone,
    workshop: { title: input.workshop.title, field: input.workshop.field, fieldLabel: fieldLabel(input.workshop.field, locale) },
    session: input.session
      ? { title: input.session.title, startedAt: input.session.startedAt, endedAt: input.session.endedAt ?? null }
      : null,
    participantCount: input.participantCount,
    generatedAt: input.generatedAt,
    moment: input.moment ?? null,
    groups,
  }
}
