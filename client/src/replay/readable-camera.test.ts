import { createShapeId, type TLRecord } from '@tldraw/tldraw'
import { describe, expect, it } from 'vitest'
import { firstFrameBounds, MIN_READABLE_ZOOM, OPENING_INSET_PX, readableCamera } from './readable-camera'

const toScreen = (camera: { x: number; y: number; z: number }, p: { x: number; y: number }) => ({ x: (p.x + camera.x) * camera.z, y: (p.y + camera.y) * camera.z })

describe('readableCamera', () => {
  const viewport = { w: 1200, h: 800 }

  it('centres a frame that fits, at no more than 100 %', () => {
    const camera = readableCamera({ x: 100, y: 200, w: 400, h: 300 }, viewport)
    expect(camera.z).toBe(1)
    expect(toScreen(camera, { x: 300, y: 350 })).toEqual({ x: 600, y: 400 })
  })

  it('zooms out to fit a larger frame', () => {
    const camera = readableCamera({ x: 0, y: 0, w: 2208, h: 1408 }, viewport)
    expect(camera.z).toBeCloseTo(0.5, 5)
    expect(toScreen(camera, { x: 0, y: 0 }).x).toBeCloseTo(OPENING_INSET_PX, 5)
  })

  it('never opens a huge board below the readable zoom, and starts at its top left', () => {
    const camera = readableCamera({ x: -500, y: -300, w: 10_000, h: 6_000 }, viewport)
    expect(camera.z).toBe(MIN_READABLE_ZOOM)
    expect(toScreen(camera, { x: -500, y: -300 })).toEqual({ x: OPENING_INSET_PX, y: OPENING_INSET_PX })
  })
})

describe('firstFrameBounds', () => {
  const frame = (id: string, x: number, y: number, parentId = 'page:page'): TLRecord =>
    ({
      id: createShapeId(id),
      typeName: 'shape',
      type: 'frame',
      x,
      y,
      rotation: 0,
      index: 'a1',
      parentId,
      isLocked: false,
      opacity: 1,
      meta: {},
      props: { w: 300, h: 200, name: id, color: 'black' },
    }) as unknown as TLRecord
  const page = (id: string) => ({ id, typeName: 'page', name: id, index: 'a1', meta: {} }) as unknown as TLRecord

  it('takes the first top-level frame of the page in reading order', () => {
    const records = [page('page:page'), page('page:two'), frame('right', 900, 0), frame('left', 0, 10), frame('other', -900, 0, 'page:two')]
    expect(firstFrameBounds(records, 'page:page')).toMatchObject({ x: 0, y: 10, w: 300, h: 200 })
    expect(firstFrameBounds(records, 'page:two')).toMatchObject({ x: -900, y: 0 })
  })

  it('is null for a page without frames', () => {
    expect(firstFrameBounds([page('page:page')], 'page:page')).toBeNull()
  })
})
