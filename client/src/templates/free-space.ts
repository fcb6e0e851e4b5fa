/**
 * Where a template goes on a page: in free space to the right of everything already there, its top
 * aligned with the top of that content. On an empty page it goes to the top-left of the viewport.
 * Pure geometry, so it is unit-tested without an editor.
 */
import type { BoxModel, VecModel } from '@tldraw/tldraw'

/** Horizontal distance between existing content and a placed template, in page units. */
export const TEMPLATE_GAP = 200

/** Distance from the viewport's top-left corner when the page is empty, in page units. */
export const EMPTY_PAGE_MARGIN = 80

export interface FreeSpaceInput {
  /** Bounds of everything on the current page, or null when the page is empty. */
  content: BoxModel | null
  /** The template's bounds in template space (`templateBounds(template)`). */
  template: BoxModel
  /** The visible part of the page, used when the page is empty. */
  viewport: BoxModel
  gap?: number
}

/**
 * The template origin (the point `placeTemplate` puts the template's (0, 0) on) such that the
 * placed template's bounds start `gap` right of the content and level with its top. Rounded to
 * whole page units.
 */
export function originInFreeSpace({ content, template, viewport, gap = TEMPLATE_GAP }: FreeSpaceInput): VecModel {
  const topLeft = content
    ? { x: content.x + content.w + gap, y: content.y }
    : { x: viewport.x + EMPTY_PAGE_MARGIN, y: viewport.y + EMPTY_PAGE_MARGIN }
  return { x: Math.round(topLeft.x - template.x), y: Math.round(topLeft.y - template.y) }
}
