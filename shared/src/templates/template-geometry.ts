/** Boxes of template elements and of whole templates, in template space (relative to the origin). */
import type { BoxModel } from '@tldraw/tlschema'
import type { BoxElement, WorkshopTemplate } from './template-types.js'

/** Side length of a tldraw sticky note at scale 1 (tldraw's default note size). */
export const NOTE_SIZE = 200

/** The box an element occupies in template space; notes are `NOTE_SIZE` × scale square. */
export function elementBox(element: BoxElement): BoxModel {
  if (element.kind === 'note') {
    const side = NOTE_SIZE * (element.scale ?? 1)
    return { x: element.x, y: element.y, w: side, h: side }
  }
  return { x: element.x, y: element.y, w: element.w, h: element.h }
}

/** The centre point of a box. */
export function boxCenter(box: BoxModel): { x: number; y: number } {
  return { x: box.x + box.w / 2, y: box.y + box.h / 2 }
}

/** True when `inner` lies completely within `outer` (edges may touch). */
export function boxContains(outer: BoxModel, inner: BoxModel): boolean {
  return (
    inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.w <= outer.x + outer.w && inner.y + inner.h <= outer.y + outer.h
  )
}

/** The smallest box around every element of the template (arrows run between elements, so they add nothing). */
export function templateBounds(template: WorkshopTemplate): BoxModel {
  let minX = Infinity
  let minY = Infinity
  let maxX = -Infinity
  let maxY = -Infinity
  for (const element of template.elements) {
    if (element.kind === 'arrow') continue
    const box = elementBox(element)
    minX = Math.min(minX, box.x)
    minY = Math.min(minY, box.y)
    maxX = Math.max(maxX, box.x + box.w)
    maxY = Math.max(maxY, box.y + box.h)
  }
  if (minX === Infinity) return { x: 0, y: 0, w: 0, h: 0 }
  return { x: minX, y: minY, w: maxX - minX, h: maxY - minY }
}
