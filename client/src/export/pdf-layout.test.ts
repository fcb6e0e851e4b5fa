import { describe, expect, it } from 'vitest'
import { A4_LONG, A4_SHORT, PAGE_MARGIN, sheetLayout, textPlacements, truncateToWidth } from './pdf-layout'

/** A monospaced stand-in for a font: every character is 0.5 wide at size 1. */
const measure = (text: string) => [...text].length * 0.5

describe('PDF page layout', () => {
  it('turns the page to landscape for wide frames and portrait for tall ones', () => {
    expect(sheetLayout(1600, 900, true)).toMatchObject({ width: A4_LONG, height: A4_SHORT })
    expect(sheetLayout(600, 1200, false)).toMatchObject({ width: A4_SHORT, height: A4_LONG })
  })

  it('fits the picture below the header, within the margins, keeping its proportions', () => {
    for (const [w, h] of [
      [1600, 900],
      [600, 1200],
      [5000, 100],
      [100, 5000],
    ] as const) {
      const layout = sheetLayout(w, h, true)
      const { image } = layout
      expect(image.w / image.h).toBeCloseTo(w / h, 5)
      expect(image.x).toBeGreaterThanOrEqual(PAGE_MARGIN - 1e-9)
      expect(image.x + image.w).toBeLessThanOrEqual(layout.width - PAGE_MARGIN + 1e-9)
      expect(image.y).toBeGreaterThanOrEqual(PAGE_MARGIN - 1e-9)
      expect(image.y + image.h).toBeLessThan(layout.ruleY)
      expect(layout.headingY!).toBeLessThan(layout.subtitleY)
      expect(layout.subtitleY).toBeLessThan(layout.titleY)
      expect(image.w * image.h).toBeGreaterThan(0)
      expect(image.w / w).toBeCloseTo(layout.scale, 9)
    }
  })

  it('places texts over their shapes, first baseline near the top', () => {
    const layout = { image: { x: 100, y: 50, w: 400, h: 200 }, scale: 0.5 }
    const [placement] = textPlacements([{ text: 'Leerstand\nMarktplatz', x: 200, y: 100, w: 200, h: 200 }], { w: 800, h: 400 }, layout, measure)
    expect(placement!.lines).toEqual(['Leerstand', 'Marktplatz'])
    expect(placement!.x).toBe(200)
    // Box is 100 × 100 points: the widest line (5 units at size 1) limits the size to 20.
    expect(placement!.size).toBe(20)
    expect(placement!.y).toBe(50 + 200 - 50 - 20)
  })

  it('clips texts to the exported area and skips empty or outside ones', () => {
    const layout = { image: { x: 0, y: 0, w: 100, h: 100 }, scale: 1 }
    const area = { w: 100, h: 100 }
    expect(textPlacements([{ text: 'weg', x: 200, y: 0, w: 50, h: 50 }], area, layout, measure)).toEqual([])
    expect(textPlacements([{ text: '  \n ', x: 0, y: 0, w: 50, h: 50 }], area, layout, measure)).toEqual([])
    const [clipped] = textPlacements([{ text: 'ab', x: -50, y: 90, w: 100, h: 50 }], area, layout, measure)
    expect(clipped!.x).toBe(0)
    expect(clipped!.size).toBeCloseTo(10 / 1.15, 5)
  })

  it('shortens header lines that do not fit', () => {
    expect(truncateToWidth('kurz', 10, measure)).toBe('kurz')
    expect(truncateToWidth('Fallbeispiel Görlitz', 5, measure)).toBe('Fallbeisp…')
  })
})
