import { describe, expect, it } from 'vitest'
import { inFrameOrder, type FrameBox } from './frame-order'

const box = (id: string, x: number, y: number, w = 400, h = 300): FrameBox => ({ id, x, y, w, h })
const ids = (frames: FrameBox[]) => inFrameOrder(frames).map((frame) => frame.id)

describe('frame order', () => {
  it('reads a grid row by row, left to right', () => {
    expect(ids([box('d', 500, 400), box('b', 500, 0), box('c', 0, 400), box('a', 0, 0)])).toEqual(['a', 'b', 'c', 'd'])
  })

  it('keeps a wobbly row together', () => {
    expect(ids([box('right', 900, -60), box('left', 0, 40), box('middle', 450, 0)])).toEqual(['left', 'middle', 'right'])
  })

  it('keeps a row of frames with different heights together', () => {
    expect(ids([box('tall', 500, 0, 400, 1200), box('short', 0, 100, 400, 200), box('below', 0, 1300)])).toEqual(['short', 'tall', 'below'])
  })

  it('puts a frame that only touches the row below it into its own row', () => {
    expect(ids([box('second', 0, 250), box('first', 600, 0)])).toEqual(['first', 'second'])
  })

  it('reads a column top to bottom', () => {
    expect(ids([box('3', 0, 800), box('1', 0, 0), box('2', 10, 400)])).toEqual(['1', '2', '3'])
  })

  it('breaks ties by id and handles no frames', () => {
    expect(ids([box('b', 0, 0), box('a', 0, 0)])).toEqual(['a', 'b'])
    expect(ids([])).toEqual([])
  })
})
