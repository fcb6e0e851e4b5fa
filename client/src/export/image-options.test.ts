import { describe, expect, it } from 'vitest'
import { imageMimeType, PDF_MAX_IMAGE_SIDE, pdfPixelRatio, tldrawImageOptions } from './image-options'

describe('image export options', () => {
  it('scales PNG bitmaps through the pixel ratio', () => {
    expect(tldrawImageOptions({ format: 'png', background: 'white', scale: 3 })).toEqual({
      format: 'png',
      background: true,
      darkMode: false,
      scale: 1,
      pixelRatio: 3,
    })
  })

  it('scales SVG through its logical size and can be transparent', () => {
    expect(tldrawImageOptions({ format: 'svg', background: 'transparent', scale: 2 })).toEqual({
      format: 'svg',
      background: false,
      darkMode: false,
      scale: 2,
    })
  })

  it('keeps PDF pictures within the size limit', () => {
    expect(pdfPixelRatio(800, 600)).toBe(2)
    expect(pdfPixelRatio(8192, 100) * 8192).toBe(PDF_MAX_IMAGE_SIDE)
    expect(pdfPixelRatio(0, 0)).toBe(2)
  })

  it('names MIME types', () => {
    expect(imageMimeType('png')).toBe('image/png')
    expect(imageMimeType('svg')).toBe('image/svg+xml')
  })
})
