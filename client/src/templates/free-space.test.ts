import { describe, expect, it } from 'vitest'
import { caseStudyMapTemplate, placeTemplate, templateBounds } from '@quartierboard/shared'
import type { BoxModel, TLPageId } from '@tldraw/tldraw'
import { TEMPLATE_GAP, EMPTY_PAGE_MARGIN, originInFreeSpace } from './free-space'

const viewport: BoxModel = { x: -300, y: -150, w: 1280, h: 800 }

function overlaps(a: BoxModel, b: BoxModel): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h
}

describe('originInFreeSpace', () => {
  it('puts the template right of the content, tops aligned, one gap apart', () => {
    const content = { x: 100, y: 50, w: 400, h: 300 }
    const origin = originInFreeSpace({ content, template: { x: 0, y: 0, w: 1000, h: 600 }, viewport })
    expect(origin).toEqual({ x: 500 + TEMPLATE_GAP, y: 50 })
  })

  it('accounts for templates whose bounds do not start at their origin', () => {
    const content = { x: 0, y: 0, w: 100, h: 100 }
    const origin = originInFreeSpace({ content, template: { x: -20, y: 30, w: 200, h: 200 }, viewport, gap: 50 })
    // The placed bounds start at origin + template offset.
    expect({ x: origin.x - 20, y: origin.y + 30 }).toEqual({ x: 150, y: 0 })
  })

  it('uses the top-left of the viewport on an empty page', () => {
    const origin = originInFreeSpace({ content: null, template: { x: 0, y: 0, w: 10, h: 10 }, viewport })
    expect(origin).toEqual({ x: viewport.x + EMPTY_PAGE_MARGIN, y: viewport.y + EMPTY_PAGE_MARGIN })
  })

  it('rounds to whole page units', () => {
    const origin = originInFreeSpace({ content: { x: 0.4, y: 10.6, w: 10.3, h: 5 }, template: { x: 0, y: 0, w: 1, h: 1 }, viewport, gap: 0 })
    expect(origin).toEqual({ x: 11, y: 11 })
  })

  it('places a real template clear of the existing content', () => {
    const content = { x: -400, y: 200, w: 900, h: 2000 }
    const template = templateBounds(caseStudyMapTemplate)
    const origin = originInFreeSpace({ content, template, viewport })
    let n = 0
    const placed = placeTemplate(caseStudyMapTemplate, {
      field: 'zentrenentwicklung',
      origin,
      pageId: 'page:page' as TLPageId,
      createId: () => `id${n++}`,
    })
    expect(overlaps(placed.bounds, content)).toBe(false)
    expect(placed.bounds.x).toBe(content.x + content.w + TEMPLATE_GAP)
    expect(placed.bounds.y).toBe(content.y)
  })
})
