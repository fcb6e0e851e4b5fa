import type { TLShape } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { BoardGeometry, inReadingOrder } from './reading-order.js'
import { frameShape, groupShape, noteShape, pageRecord } from './test-support.js'

describe('BoardGeometry', () => {
  it('places a shape on its page through frames, groups and rotation', () => {
    const records = [
      pageRecord(),
      frameShape('f', { x: 100, y: 200, rotation: Math.PI }, 500, 500, 'F'),
      groupShape('g', { x: 10, y: 20, parent: 'f' }),
      noteShape('n', { x: 1, y: 2, parent: 'g' }, 'n'),
    ]
    const geometry = new BoardGeometry(records)
    const placed = geometry.place(records[3] as TLShape)
    expect(placed.pageId).toBe('page:page')
    expect(placed.frameId).toBe('shape:f')
    expect(placed.x).toBeCloseTo(100 - 11)
    expect(placed.y).toBeCloseTo(200 - 22)
  })
})

describe('inReadingOrder', () => {
  it('reads rows top to bottom within the tolerance, each row left to right', () => {
    const records = [pageRecord(), ...[[0, 0], [300, 35], [600, -10], [0, 200], [300, 120]].map(([x, y], i) => noteShape(`s${i}`, { x: x!, y: y! }, `${i}`))]
    const geometry = new BoardGeometry(records)
    const placed = geometry.allShapes().map((shape) => geometry.place(shape))
    expect(inReadingOrder(placed, geometry).map((item) => item.shape.id)).toEqual(['shape:s0', 'shape:s1', 'shape:s2', 'shape:s4', 'shape:s3'])
    // With no tolerance every distinct top is its own row.
    expect(inReadingOrder(placed, geometry, 0).map((item) => item.shape.id)).toEqual(['shape:s2', 'shape:s0', 'shape:s1', 'shape:s4', 'shape:s3'])
  })
})
