import { describe, expect, it } from 'vitest'
import { freeNoteSpot, type Box } from './note-placement'

const NOTE = { w: 200, h: 200 }
const FRAME = { w: 700, h: 500 } // three columns, two rows of notes

/** Whether `spot`'s note overlaps any of `boxes`. */
function hits(spot: { x: number; y: number }, boxes: readonly Box[]): boolean {
  return boxes.some((box) => spot.x < box.x + box.w && box.x < spot.x + NOTE.w && spot.y < box.y + box.h && box.y < spot.y + NOTE.h)
}

describe('freeNoteSpot', () => {
  it('puts the first note into the top-left cell of an empty frame, which keeps its size', () => {
    expect(freeNoteSpot(FRAME, [], NOTE)).toEqual({ x: 20, y: 20, frame: FRAME })
  })

  it('takes the next free cell, row by row, left to right', () => {
    const first: Box = { x: 20, y: 20, w: 200, h: 200 }
    expect(freeNoteSpot(FRAME, [first], NOTE)).toMatchObject({ x: 240, y: 20 })
    const row: Box[] = [first, { x: 240, y: 20, w: 200, h: 200 }, { x: 460, y: 20, w: 200, h: 200 }]
    expect(freeNoteSpot(FRAME, row, NOTE)).toMatchObject({ x: 20, y: 240 })
  })

  it('keeps clear of shapes people placed anywhere, also of those reaching across two cells', () => {
    const placed: Box[] = [
      { x: 150, y: 60, w: 200, h: 200 }, // over the first two cells of the top row
      { x: 500, y: 10, w: 120, h: 80 }, // a text in the third
    ]
    const spot = freeNoteSpot(FRAME, placed, NOTE)
    expect(spot).toMatchObject({ x: 460, y: 240 }) // the first shape reaches into row 2's first two cells too
    expect(hits(spot, placed)).toBe(false)
  })

  it('grows the frame downwards when every cell inside is taken', () => {
    const full: Box[] = []
    for (const y of [20, 240]) for (const x of [20, 240, 460]) full.push({ x, y, w: 200, h: 200 })
    const spot = freeNoteSpot(FRAME, full, NOTE)
    expect(spot).toEqual({ x: 20, y: 460, frame: { w: 700, h: 680 } })
    expect(hits(spot, full)).toBe(false)
  })

  it('widens a frame narrower than a note, so the note lies inside it', () => {
    expect(freeNoteSpot({ w: 120, h: 400 }, [], NOTE)).toEqual({ x: 20, y: 20, frame: { w: 240, h: 400 } })
  })

  it('never overlaps, whatever lies in the frame (seeded random layouts)', () => {
    let seed = 7
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647)
    for (let round = 0; round < 200; round++) {
      const boxes: Box[] = Array.from({ length: Math.floor(random() * 12) }, () => ({
        x: random() * 900,
        y: random() * 900,
        w: 20 + random() * 300,
        h: 20 + random() * 300,
      }))
      const frame = { w: 200 + random() * 900, h: 200 + random() * 900 }
      const spot = freeNoteSpot(frame, boxes, NOTE)
      expect(hits(spot, boxes)).toBe(false)
      expect(spot.x + NOTE.w).toBeLessThanOrEqual(spot.frame.w)
      expect(spot.y + NOTE.h).toBeLessThanOrEqual(spot.frame.h)
    }
  })
})
