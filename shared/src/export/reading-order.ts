/**
 * Where shapes sit on their page and in which order a reader meets them: page positions through the
 * parent chain (frames, groups, rotation), the page and the innermost frame a shape belongs to, and a
 * top-to-bottom, left-to-right order that treats shapes within a small height difference as one row.
 */
import type { TLPage, TLRecord, TLShape } from '@tldraw/tlschema'

/** Page units within which two shapes' tops count as the same row (a hand-placed row of sticky notes wobbles). */
export const READING_ROW_TOLERANCE = 50

/** Longest parent chain that is followed; longer chains (or cycles) only come from corrupt data. */
const MAX_PARENT_DEPTH = 256

/** An affine transform [a c e; b d f] as tldraw and SVG write it. */
interface Matrix {
  a: number
  b: number
  c: number
  d: number
  e: number
  f: number
}

const IDENTITY: Matrix = { a: 1, b: 0, c: 0, d: 1, e: 0, f: 0 }

function multiply(m: Matrix, n: Matrix): Matrix {
  return {
    a: m.a * n.a + m.c * n.b,
    b: m.b * n.a + m.d * n.b,
    c: m.a * n.c + m.c * n.d,
    d: m.b * n.c + m.d * n.d,
    e: m.a * n.e + m.c * n.f + m.e,
    f: m.b * n.e + m.d * n.f + m.f,
  }
}

function localTransform(shape: TLShape): Matrix {
  const cos = Math.cos(shape.rotation)
  const sin = Math.sin(shape.rotation)
  return { a: cos, b: sin, c: -sin, d: cos, e: shape.x, f: shape.y }
}

/** A rectangle in page units. */
export interface PageBox {
  x: number
  y: number
  w: number
  h: number
}

/** Side of a tldraw sticky note at scale 1 (its geometry is this square plus `growY`, times `scale`). */
const NOTE_SIDE = 200

function numberProp(props: unknown, key: string, fallback: number): number {
  if (typeof props !== 'object' || props === null || !(key in props)) return fallback
  const value = (props as Record<string, unknown>)[key]
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback
}

/**
 * The size of a shape in its own coordinates as tldraw draws it, for frames, geo shapes and notes; null for
 * shapes whose size depends on measured text or paths (text, arrows, drawings).
 */
export function shapeSize(shape: Pick<TLShape, 'type' | 'props'>): { w: number; h: number } | null {
  const { props } = shape
  switch (shape.type) {
    case 'frame':
      return { w: numberProp(props, 'w', 0), h: numberProp(props, 'h', 0) }
    case 'geo':
      return { w: numberProp(props, 'w', 0), h: numberProp(props, 'h', 0) + numberProp(props, 'growY', 0) }
    case 'note': {
      const scale = numberProp(props, 'scale', 1)
      return { w: NOTE_SIDE * scale, h: (NOTE_SIDE + numberProp(props, 'growY', 0)) * scale }
    }
    default:
      return null
  }
}

/** A shape located on the board: its page, its page position (origin) and its innermost frame. */
export interface PlacedShape {
  shape: TLShape
  pageId: string
  x: number
  y: number
  frameId: string | null
}

/** Index of the shapes and pages of a board, answering where each shape is. */
export class BoardGeometry {
  private readonly shapes = new Map<string, TLShape>()
  private readonly pageIndex = new Map<string, string>()
  private readonly transforms = new Map<string, Matrix>()

  constructor(records: readonly TLRecord[]) {
    for (const record of records) {
      if (record.typeName === 'shape') this.shapes.set(record.id, record)
      else if (record.typeName === 'page') this.pageIndex.set(record.id, (record as TLPage).index)
    }
  }

  /** The shapes of the board, in record order. */
  allShapes(): TLShape[] {
    return [...this.shapes.values()]
  }

  /** The shape's ancestors, nearest first (stops at the page, a missing parent or a cycle). */
  private ancestors(shape: TLShape): TLShape[] {
    const chain: TLShape[] = []
    let parent = this.shapes.get(shape.parentId)
    while (parent && chain.length < MAX_PARENT_DEPTH && parent !== shape && !chain.includes(parent)) {
      chain.push(parent)
      parent = this.shapes.get(parent.parentId)
    }
    return chain
  }

  private pageTransform(shape: TLShape): Matrix {
    const cached = this.transforms.get(shape.id)
    if (cached) return cached
    const transform = this.ancestors(shape)
      .reverse()
      .concat(shape)
      .reduce((matrix, link) => multiply(matrix, localTransform(link)), IDENTITY)
    this.transforms.set(shape.id, transform)
    return transform
  }

  /** Where the shape sits: page, page position of its origin and innermost frame ancestor. */
  place(shape: TLShape): PlacedShape {
    const ancestors = this.ancestors(shape)
    const top = ancestors[ancestors.length - 1] ?? shape
    const frame = ancestors.find((ancestor) => ancestor.type === 'frame')
    const transform = this.pageTransform(shape)
    return { shape, pageId: top.parentId, x: transform.e, y: transform.f, frameId: frame ? frame.id : null }
  }

  /** A point given in the shape's own coordinates, on its page. */
  toPage(shape: TLShape, point: { x: number; y: number }): { x: number; y: number } {
    const m = this.pageTransform(shape)
    return { x: m.a * point.x + m.c * point.y + m.e, y: m.b * point.x + m.d * point.y + m.f }
  }

  /** True when a page point lies on the shape's `size` rectangle (edges included), whatever its rotation. */
  covers(shape: TLShape, size: { w: number; h: number }, point: { x: number; y: number }): boolean {
    const m = this.pageTransform(shape)
    const det = m.a * m.d - m.b * m.c
    if (det === 0) return false
    const dx = point.x - m.e
    const dy = point.y - m.f
    const x = (m.d * dx - m.c * dy) / det
    const y = (m.a * dy - m.b * dx) / det
    return x >= 0 && y >= 0 && x <= size.w && y <= size.h
  }

  /** The axis-aligned page box around the shape's `size` rectangle. */
  pageBox(shape: TLShape, size: { w: number; h: number }): PageBox {
    const corners = [
      { x: 0, y: 0 },
      { x: size.w, y: 0 },
      { x: 0, y: size.h },
      { x: size.w, y: size.h },
    ].map((corner) => this.toPage(shape, corner))
    const xs = corners.map((corner) => corner.x)
    const ys = corners.map((corner) => corner.y)
    const x = Math.min(...xs)
    const y = Math.min(...ys)
    return { x, y, w: Math.max(...xs) - x, h: Math.max(...ys) - y }
  }

  /** The shape with id `id`, if the board has it. */
  shape(id: string): TLShape | undefined {
    return this.shapes.get(id)
  }

  /** Sort key of a page: its fractional index; shapes whose page is missing sort last. */
  pageOrder(pageId: string): string {
    return this.pageIndex.get(pageId) ?? '\uffff'
  }
}

/** Code-unit order of two strings (ids and fractional indices), independent of locale. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/**
 * Reading order: by page, then in rows from top to bottom (a row starts at its topmost shape and takes every
 * shape whose top lies within `tolerance` below it), each row from left to right; ties broken by id.
 */
export function inReadingOrder<T extends PlacedShape>(placed: readonly T[], geometry: BoardGeometry, tolerance = READING_ROW_TOLERANCE): T[] {
  const byPage = new Map<string, T[]>()
  for (const item of placed) {
    const items = byPage.get(item.pageId)
    if (items) items.push(item)
    else byPage.set(item.pageId, [item])
  }
  const pages = [...byPage.keys()].sort((a, b) => compareStrings(geometry.pageOrder(a), geometry.pageOrder(b)) || compareStrings(a, b))

  const ordered: T[] = []
  for (const pageId of pages) {
    const items = [...byPage.get(pageId)!].sort((a, b) => a.y - b.y || a.x - b.x || compareStrings(a.shape.id, b.shape.id))
    let row: T[] = []
    let rowTop = Number.NEGATIVE_INFINITY
    const flush = () => {
      ordered.push(...row.sort((a, b) => a.x - b.x || a.y - b.y || compareStrings(a.shape.id, b.shape.id)))
      row = []
    }
    for (const item of items) {
      if (item.y - rowTop > tolerance) {
        flush()
        rowTop = item.y
      }
      row.push(item)
    }
    flush()
  }
  return ordered
}
