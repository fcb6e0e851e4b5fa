import { describe, expect, it } from 'vitest'
import { svgWithTitle } from './frame-title'

describe('svgWithTitle', () => {
  it('puts the frame title above the picture as text, one band higher, escaped', async () => {
    const inner = '<svg xmlns="http://www.w3.org/2000/svg" width="600" height="420" viewBox="0 0 600 420"><rect width="10" height="10"/></svg>'
    const svg = await svgWithTitle(inner, { title: 'Akteure & <Allianzen>', background: 'white', scale: 1 }).text()
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="600" height="456" viewBox="0 0 600 456">/)
    expect(svg).toContain('>Akteure &#38; &#60;Allianzen&#62;</text>')
    expect(svg).toContain('<svg y="36" xmlns="http://www.w3.org/2000/svg" width="600" height="420"')
    expect(svg).toContain('<rect width="100%" height="100%" fill="#ffffff"/>')
    const transparent = await svgWithTitle(inner, { title: 'Ziele', background: 'transparent', scale: 2 }).text()
    expect(transparent).not.toContain('fill="#ffffff"')
    expect(transparent).toContain('height="492"')
  })
})
