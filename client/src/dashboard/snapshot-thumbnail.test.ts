import { describe, expect, it } from 'vitest'
import { thumbnailBoxes, thumbnailViewBox } from './snapshot-thumbnail'

describe('snapshot thumbnails', () => {
  it('places shapes at page positions, children offset by their frame, on the first page only', () => {
    const records = [
      { id: 'page:b', typeName: 'page', index: 'a2' },
      { id: 'page:a', typeName: 'page', index: 'a1' },
      { id: 'shape:frame', typeName: 'shape', type: 'frame', parentId: 'page:a', x: 100, y: 50, props: { w: 400, h: 300, color: 'blue' } },
      { id: 'shape:note', typeName: 'shape', type: 'note', parentId: 'shape:frame', x: 10, y: 20, props: { color: 'yellow', scale: 1, growY: 0 } },
      { id: 'shape:plain-note', typeName: 'shape', type: 'note', parentId: 'page:a', x: 0, y: 0, props: { color: 'black' } },
      { id: 'shape:other-page', typeName: 'shape', type: 'geo', parentId: 'page:b', x: 0, y: 0, props: { w: 10, h: 10 } },
    ]
    expect(thumbnailBoxes(records)).toEqual([
      { x: 100, y: 50, w: 400, h: 300, color: '#4465e9', kind: 'frame' },
      { x: 110, y: 70, w: 200, h: 200, color: '#f1ac4b', kind: 'note' },
      { x: 0, y: 0, w: 200, h: 200, color: '#fce19c', kind: 'note' },
    ])
  })

  it('frames all boxes with a margin, and an empty board as a unit box', () => {
    expect(thumbnailViewBox([])).toEqual({ x: 0, y: 0, w: 1, h: 1 })
    expect(thumbnailViewBox([{ x: 0, y: 0, w: 100, h: 50, color: '#000', kind: 'shape' }])).toEqual({ x: -5, y: -5, w: 110, h: 60 })
  })
})
