/**
 * Frame titles have room: tldraw draws a frame's title above the frame, so nothing of the template
 * (another frame, a text, a note, an area) may lie in the band above a frame's top that the title
 * takes at any zoom, plus a margin (FRAME_TITLE_CLEARANCE, from tldraw's frame rendering).
 */
import { describe, expect, it } from 'vitest'
import { WORKSHOP_TEMPLATES } from './registry.js'
import { elementBox } from './template-geometry.js'
import { FRAME_TITLE_CLEARANCE, frameTitleArea } from './template-legibility.js'
import type { BoxModel } from '@tldraw/tlschema'
import type { WorkshopTemplate } from './template-types.js'

/** True when the boxes share area (touching edges do not count). */
function overlaps(a: BoxModel, b: BoxModel): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h
}

/** "frame key → element key" for every element lying in the title area of a frame. */
function titleCollisions(template: WorkshopTemplate): string[] {
  const collisions: string[] = []
  for (const frame of template.elements) {
    if (frame.kind !== 'frame') continue
    const area = frameTitleArea(frame)
    for (const other of template.elements) {
      if (other === frame || other.kind === 'arrow') continue
      if (overlaps(area, elementBox(other))) collisions.push(`${frame.key} → ${other.key}`)
    }
  }
  return collisions
}

describe('frame titles', () => {
  it.each(WORKSHOP_TEMPLATES.map((template) => [template.id, template] as const))(
    '%s: nothing lies in a frame title band',
    (_id, template) => {
      expect(titleCollisions(template)).toEqual([])
    },
  )

  it('reserves the title band tldraw draws at any zoom: 28 screen px, scaled up to 3.5 times, plus a margin', () => {
    expect(FRAME_TITLE_CLEARANCE).toBe(28 * 3.5 + 12)
  })

  it('finds a lower frame whose title would touch the frame above it, and a text in the way', () => {
    const frame = (key: string, y: number) => ({ kind: 'frame' as const, key, x: 0, y, w: 400, h: 300, text: { de: key, en: key } })
    const twoRows: WorkshopTemplate = {
      id: 'two-rows',
      title: { de: 't', en: 't' },
      description: { de: 'd', en: 'd' },
      elements: [
        { kind: 'text', key: 'intro', x: 0, y: 0, w: 400, h: 60, text: { de: 'i', en: 'i' } },
        frame('upper', 60 + FRAME_TITLE_CLEARANCE),
        // 40 units below the upper frame: the gap the case-study map had, too little for the title.
        frame('lower', 60 + FRAME_TITLE_CLEARANCE + 300 + 40),
        { kind: 'text', key: 'beside', x: 500, y: 0, w: 100, h: 60, text: { de: 'b', en: 'b' } },
      ],
    }
    expect(titleCollisions(twoRows)).toEqual(['lower → upper'])
    const crowded = { ...twoRows, elements: [{ ...twoRows.elements[0]!, h: 80 } as const, ...twoRows.elements.slice(1)] }
    expect(titleCollisions(crowded)).toEqual(['upper → intro', 'lower → upper'])
  })
})
