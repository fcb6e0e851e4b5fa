import { describe, expect, it } from 'vitest'
import { READABLE_PROMPT_PX, insertCamera, readableZoom, type Camera } from './insert-camera'

const zoomRange = { min: 0.05, max: 8 }

/** Where a page point lands on screen under `camera`. */
function toScreen(camera: Camera, point: { x: number; y: number }) {
  return { x: (point.x + camera.x) * camera.z, y: (point.y + camera.y) * camera.z }
}

describe('insertCamera', () => {
  it('fits the whole template, centred, when its prompts stay readable', () => {
    const bounds = { x: 1000, y: 500, w: 1760, h: 1210 }
    const camera = insertCamera({ bounds, screen: { w: 1920, h: 1080 }, inset: 240, promptFontPx: 24, zoomRange })
    expect(camera.z).toBeCloseTo(Math.min(1680 / 1760, 840 / 1210))
    const topLeft = toScreen(camera, bounds)
    const bottomRight = toScreen(camera, { x: bounds.x + bounds.w, y: bounds.y + bounds.h })
    expect(topLeft.y).toBeCloseTo(1080 - bottomRight.y)
    expect(topLeft.x).toBeCloseTo(1920 - bottomRight.x)
    expect(24 * camera.z).toBeGreaterThanOrEqual(READABLE_PROMPT_PX)
  })

  it('zooms no further out than prompts stay readable, showing the template from its top-left corner', () => {
    const bounds = { x: -200, y: 300, w: 2400, h: 1400 }
    const camera = insertCamera({ bounds, screen: { w: 1024, h: 700 }, inset: 240, promptFontPx: 22, zoomRange })
    expect(camera.z).toBe(readableZoom(22))
    expect(22 * camera.z).toBeGreaterThanOrEqual(READABLE_PROMPT_PX)
    // Too big for the screen both ways at that zoom: the top-left corner sits half an inset in.
    expect(toScreen(camera, bounds).x).toBeCloseTo(120)
    expect(toScreen(camera, bounds).y).toBeCloseTo(120)
  })

  it('centres an axis that has room for the inset at the readable zoom, and tops the other half an inset in', () => {
    const bounds = { x: 0, y: 0, w: 1760, h: 1210 }
    const camera = insertCamera({ bounds, screen: { w: 1280, h: 800 }, inset: 240, promptFontPx: 24, zoomRange })
    expect(camera.z).toBe(0.5)
    expect(toScreen(camera, bounds).x).toBeCloseTo((1280 - 880) / 2)
    expect(toScreen(camera, bounds).y).toBeCloseTo(120)
  })

  it('gives the free space to the top when the template fits the screen but not with the inset', () => {
    const bounds = { x: 0, y: 0, w: 1800, h: 1300 }
    const camera = insertCamera({ bounds, screen: { w: 1280, h: 748 }, inset: 240, promptFontPx: 22, zoomRange })
    const top = toScreen(camera, bounds).y
    const bottom = toScreen(camera, { x: 0, y: bounds.h }).y
    expect(bottom).toBeCloseTo(748)
    expect(top).toBeCloseTo(748 - 1300 * camera.z)
    expect(top).toBeLessThanOrEqual(120)
  })

  it('rounds the readable zoom up, so the product is never just under the limit', () => {
    for (const fontPx of [18, 22, 24, 27.5, 33]) expect(fontPx * readableZoom(fontPx)).toBeGreaterThanOrEqual(READABLE_PROMPT_PX)
  })

  it('keeps within the zoom range and fits templates without prompts', () => {
    const bounds = { x: 0, y: 0, w: 100, h: 100 }
    expect(insertCamera({ bounds, screen: { w: 1280, h: 800 }, inset: 240, promptFontPx: Infinity, zoomRange: { min: 0.1, max: 2 } }).z).toBe(2)
    const tiny = insertCamera({ bounds, screen: { w: 1280, h: 800 }, inset: 240, promptFontPx: 1, zoomRange: { min: 0.1, max: 4 } })
    expect(tiny.z).toBe(4)
  })
})
