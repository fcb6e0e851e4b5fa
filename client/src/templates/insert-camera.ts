/**
 * Where the camera goes after inserting a template. A facilitator inserts a template to work
 * through it with the group, so its prompts must be readable at once: the view fits the whole
 * template when its prompts still render at READABLE_PROMPT_PX or more; on a smaller screen it
 * zooms out only as far as that and shows the template from its top-left corner (title and first
 * frame), the order it is read in, rather than shrinking the prompts to an unreadable overview.
 * Pure geometry, so it is unit-tested without an editor.
 */
import type { BoxModel } from '@tldraw/tldraw'

/** Smallest on-screen size of prompt text after inserting, in CSS pixels. */
export const READABLE_PROMPT_PX = 12

export interface InsertCameraInput {
  /** The placed template's page bounds. */
  bounds: BoxModel
  /** The size of the canvas on screen, in CSS pixels. */
  screen: { w: number; h: number }
  /** Screen pixels to keep free around the template (split between both sides). */
  inset: number
  /** The template's smallest prompt font, in page units (`smallestPromptFontPx`). */
  promptFontPx: number
  /** tldraw's zoom range. */
  zoomRange: { min: number; max: number }
}

/** A tldraw camera: a page point P shows at screen point (P + camera) × z. */
export interface Camera {
  x: number
  y: number
  z: number
}

/** The lowest zoom at which text of `fontPx` page units renders at READABLE_PROMPT_PX, rounded up a little. */
export function readableZoom(fontPx: number): number {
  return Math.ceil((READABLE_PROMPT_PX / fontPx) * 1000) / 1000
}

export function insertCamera({ bounds, screen, inset, promptFontPx, zoomRange }: InsertCameraInput): Camera {
  const fit = Math.min((screen.w - inset) / bounds.w, (screen.h - inset) / bounds.h)
  const floor = Number.isFinite(promptFontPx) ? readableZoom(promptFontPx) : 0
  const z = Math.min(Math.max(fit, floor, zoomRange.min), zoomRange.max)
  // Per axis: centred if the template fits with the inset; if it fits only without, the free space
  // goes to the start side (up to half an inset, clear of the panels there); if it does not fit at
  // all, its start edge sits half an inset in, so it reads from the top-left corner.
  const axis = (start: number, size: number, screenSize: number): number => {
    const slack = screenSize - size * z
    const startEdge = slack >= inset ? slack / 2 : slack >= 0 ? Math.min(inset / 2, slack) : inset / 2
    return startEdge / z - start
  }
  return { x: axis(bounds.x, bounds.w, screen.w), y: axis(bounds.y, bounds.h, screen.h), z }
}
