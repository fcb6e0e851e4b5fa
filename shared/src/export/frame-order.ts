/**
 * The one order of frames that every export uses (results record, PDF pages, per-frame images):
 *
 * 1. Pages by their index.
 * 2. On a page, the frames a template placed stay together as one unit and keep the template's own
 *    order (the case-study map row by row, the actor map's fields before its legend), even when people
 *    moved a frame a little. Units are read in board order (rows of their bounding boxes).
 * 3. Then the frames people made, in board order.
 * 4. A frame nested in another follows its parent (nested frames in board order among themselves).
 *
 * Board order reads rows top to bottom, each row left to right. A frame joins the row when it overlaps
 * the row's first frame vertically by at least half of the smaller height, so a wobbly row of frames, or
 * one with frames of different heights, stays one row, while a tall frame does not swallow the rows
 * beside it.
 *
 * A unit is one placement (`meta.templateInstance`). Copies pasted with the same instance id, and frames
 * placed before instance ids were recorded, are told apart by the template origin their position implies.
 */
import type { TLRecord, TLShape } from '@tldraw/tlschema'
import { findTemplate } from '../templates/registry.js'
import { templateProvenance } from '../templates/template-meta.js'
import { analyseTemplate } from '../templates/template-tree.js'
import type { FrameElement } from '../templates/template-types.js'
import { BoardGeometry, compareStrings, shapeSize, type PageBox } from './reading-order.js'
import { plainTextOf } from './rich-text.js'

/** A frame in export order. */
export interface OrderedFrame {
  id: string
  /** The frame's name as written (may be blank). */
  name: string
  pageId: string
  /** Axis-aligned page box of the frame. */
  bounds: PageBox
  /** The innermost frame this one lies in; null for top-level frames (the ones exported one by one as pages and images). */
  parentFrameId: string | null
  /** The template that placed the frame, null for frames people made. */
  templateId: string | null
}

interface TemplatePlace {
  templateId: string
  /** Placement id (or, without one, the template id), before copies are told apart. */
  unit: string
  key: string
  /** Position of the frame in its template's own order. */
  rank: number
  /** The template origin this frame's position implies, `x,y` rounded. */
  origin: string
}

interface Unit {
  frames: OrderedFrame[]
  bounds: PageBox
}

/** Whether `box` belongs to the row that starts with `first` (see the module header). */
function joinsRow(first: PageBox, box: PageBox): boolean {
  const overlap = Math.min(first.y + first.h, box.y + box.h) - Math.max(first.y, box.y)
  return overlap >= Math.min(first.h, box.h) / 2
}

/** `items` in board order of their boxes; ties by `idOf`. */
export function inBoardOrder<T>(items: readonly T[], boxOf: (item: T) => PageBox, idOf: (item: T) => string): T[] {
  const byTop = [...items].sort((a, b) => boxOf(a).y - boxOf(b).y || boxOf(a).x - boxOf(b).x || compareStrings(idOf(a), idOf(b)))
  const ordered: T[] = []
  let row: T[] = []
  const flush = () => {
    ordered.push(...row.sort((a, b) => boxOf(a).x - boxOf(b).x || boxOf(a).y - boxOf(b).y || compareStrings(idOf(a), idOf(b))))
    row = []
  }
  for (const item of byTop) {
    if (row.length > 0 && joinsRow(boxOf(row[0]!), boxOf(item))) row.push(item)
    else {
      flush()
      row = [item]
    }
  }
  flush()
  return ordered
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
}

function union(boxes: readonly PageBox[]): PageBox {
  const x = Math.min(...boxes.map((box) => box.x))
  const y = Math.min(...boxes.map((box) => box.y))
  const right = Math.max(...boxes.map((box) => box.x + box.w))
  const bottom = Math.max(...boxes.map((box) => box.y + box.h))
  return { x, y, w: right - x, h: bottom - y }
}

/** The frames of each template in its own order, by template id (computed once per call). */
function templateFrames(cache: Map<string, FrameElement[] | null>, templateId: string): FrameElement[] | null {
  if (!cache.has(templateId)) {
    const template = findTemplate(templateId)
    cache.set(templateId, template ? analyseTemplate(template).order.filter((element): element is FrameElement => element.kind === 'frame') : null)
  }
  return cache.get(templateId) ?? null
}

function templatePlace(shape: TLShape, bounds: PageBox, cache: Map<string, FrameElement[] | null>): TemplatePlace | null {
  const provenance = templateProvenance(shape)
  if (!provenance) return null
  const frames = templateFrames(cache, provenance.templateId)
  const rank = frames ? frames.findIndex((element) => element.key === provenance.templateKey) : -1
  if (!frames || rank < 0) return null
  const element = frames[rank]!
  return {
    templateId: provenance.templateId,
    unit: provenance.templateInstance ?? provenance.templateId,
    key: provenance.templateKey,
    rank,
    origin: `${Math.round(bounds.x - element.x)},${Math.round(bounds.y - element.y)}`,
  }
}

/** Groups template frames into units: by placement; a placement whose keys repeat (pasted copies) split by origin. */
function templateUnits(frames: ReadonlyArray<{ frame: OrderedFrame; place: TemplatePlace }>): Unit[] {
  const byUnit = new Map<string, Array<{ frame: OrderedFrame; place: TemplatePlace }>>()
  for (const entry of frames) pushTo(byUnit, entry.place.unit, entry)
  const groups: Array<Array<{ frame: OrderedFrame; place: TemplatePlace }>> = []
  for (const entries of byUnit.values()) {
    const keys = new Set(entries.map((entry) => entry.place.key))
    if (keys.size === entries.length) {
      groups.push(entries)
      continue
    }
    const byOrigin = new Map<string, Array<{ frame: OrderedFrame; place: TemplatePlace }>>()
    for (const entry of entries) pushTo(byOrigin, entry.place.origin, entry)
    groups.push(...byOrigin.values())
  }
  return groups.map((entries) => {
    const sorted = [...entries].sort((a, b) => a.place.rank - b.place.rank || compareStrings(a.frame.id, b.frame.id))
    const ordered = sorted.map((entry) => entry.frame)
    return { frames: ordered, bounds: union(ordered.map((frame) => frame.bounds)) }
  })
}

/**
 * Every frame of the board in export order (see the module header). PDF pages and per-frame images take
 * the entries with `parentFrameId === null` (of the page they export); the results record takes all.
 */
export function framesInReadingOrder(records: readonly TLRecord[], geometry = new BoardGeometry(records)): OrderedFrame[] {
  const cache = new Map<string, FrameElement[] | null>()
  const all: Array<{ frame: OrderedFrame; place: TemplatePlace | null }> = []
  for (const shape of geometry.allShapes()) {
    if (shape.type !== 'frame') continue
    const placed = geometry.place(shape)
    const bounds = geometry.pageBox(shape, shapeSize(shape) ?? { w: 0, h: 0 })
    const frame: OrderedFrame = {
      id: shape.id,
      name: plainTextOf(shape),
      pageId: placed.pageId,
      bounds,
      parentFrameId: placed.frameId,
      templateId: null,
    }
    const place = templatePlace(shape, bounds, cache)
    if (place) frame.templateId = place.templateId
    all.push({ frame, place })
  }

  const childrenOf = new Map<string, OrderedFrame[]>()
  for (const { frame } of all) {
    if (frame.parentFrameId !== null) pushTo(childrenOf, frame.parentFrameId, frame)
  }
  const ordered: OrderedFrame[] = []
  const seen = new Set<string>()
  const emit = (frame: OrderedFrame) => {
    if (seen.has(frame.id)) return
    seen.add(frame.id)
    ordered.push(frame)
    const children = childrenOf.get(frame.id) ?? []
    for (const child of inBoardOrder(children, (item) => item.bounds, (item) => item.id)) emit(child)
  }

  const topLevel = all.filter(({ frame }) => frame.parentFrameId === null)
  const pages = [...new Set(topLevel.map(({ frame }) => frame.pageId))].sort(
    (a, b) => compareStrings(geometry.pageOrder(a), geometry.pageOrder(b)) || compareStrings(a, b),
  )
  for (const pageId of pages) {
    const onPage = topLevel.filter(({ frame }) => frame.pageId === pageId)
    const fromTemplates = onPage.flatMap(({ frame, place }) => (place ? [{ frame, place }] : []))
    const units = inBoardOrder(templateUnits(fromTemplates), (unit) => unit.bounds, (unit) => unit.frames[0]!.id)
    for (const unit of units) unit.frames.forEach(emit)
    const rest = onPage.filter(({ place }) => !place).map(({ frame }) => frame)
    inBoardOrder(rest, (frame) => frame.bounds, (frame) => frame.id).forEach(emit)
  }
  // Frames under a parent chain that ends nowhere (cycles in corrupt data) come last rather than vanish.
  for (const { frame } of all) emit(frame)
  return ordered
}
