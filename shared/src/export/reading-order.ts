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

  /** Sort key of a page: its fractional index; shapes whose page is missing sort last. */
  pageOrder(pageId: string): string {
    return this.pageIndex.get(pageId) ?? '\uffff'
  }
}

function compareStrings(a: string, b: string): number {
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
