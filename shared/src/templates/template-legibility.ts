/**
 * What tldraw 5.4 draws around and inside template elements, in page units, so template layouts can
 * be checked without a browser: the band a frame's title takes above the frame, the font sizes of
 * text shapes and labels, and the width a sticky note wraps its text at. The figures are tldraw's
 * (sources named below); change them only together with a tldraw upgrade.
 */
import type { BoxModel, TLDefaultSizeStyle } from '@tldraw/tlschema'
import type { FrameElement, WorkshopTemplate } from './template-types.js'

/**
 * Height of a frame's title in screen pixels: the 24 px heading (font 12 px, `--tl-frame-height`)
 * plus the 4 px it sits above the frame (`FRAME_HEADING_OFFSET_Y` in FrameShapeUtil).
 */
export const FRAME_TITLE_SCREEN_PX = 28

/**
 * tldraw keeps the title at its screen size whatever the zoom, up to 3.5 times its page size
 * (FrameHeading: `scale(min(var(--tl-scale), 3.5))`). Zoomed out, it takes up to this many page units.
 */
export const FRAME_TITLE_BAND = FRAME_TITLE_SCREEN_PX * 3.5

/** Free space between a frame's title band and anything above it. */
export const FRAME_TITLE_MARGIN = 12

/** The room a frame needs above its top, in page units: the title band at any zoom plus the margin. */
export const FRAME_TITLE_CLEARANCE = FRAME_TITLE_BAND + FRAME_TITLE_MARGIN

/** The area above `frame` that must stay free for its title (as wide as the frame, the title's widest). */
export function frameTitleArea(frame: FrameElement): BoxModel {
  return { x: frame.x, y: frame.y - FRAME_TITLE_CLEARANCE, w: frame.w, h: FRAME_TITLE_CLEARANCE }
}

/** tldraw's base font size (default theme) that the size styles multiply. */
const BASE_FONT_PX = 16
/** Size multipliers of text shapes (`FONT_SIZES` in tldraw's default-shape-constants). */
const TEXT_FONT_SCALE: Record<TLDefaultSizeStyle, number> = { s: 1.125, m: 1.5, l: 2.25, xl: 2.75 }
/** Size multipliers of note and geo labels (`LABEL_FONT_SIZES`). */
const LABEL_FONT_SCALE: Record<TLDefaultSizeStyle, number> = { s: 1.125, m: 1.375, l: 1.625, xl: 2 }

/** Font size of a text shape in page units. */
export function textFontPx(size: TLDefaultSizeStyle): number {
  return BASE_FONT_PX * TEXT_FONT_SCALE[size]
}

/** Font size of a note's or geo shape's label in the shape's own units (a note's scale multiplies it). */
export function labelFontPx(size: TLDefaultSizeStyle): number {
  return BASE_FONT_PX * LABEL_FONT_SCALE[size]
}

/**
 * The width a note wraps its text at, in the note's own units: tldraw lays the text out on a
 * 200-unit note with 16 units of padding on each side, less 1 unit of measuring fuzz, and then
 * scales the whole note, so a note's scale does not change where its lines break.
 */
export const NOTE_TEXT_WIDTH = 200 - 2 * 16 - 1

/**
 * The smallest font of the template's prompts (text shapes and geo labels: the help text), in page
 * units; Infinity when it has none. Inserting zooms so that this renders legibly.
 */
export function smallestPromptFontPx(template: WorkshopTemplate): number {
  let smallest = Infinity
  for (const element of template.elements) {
    if (element.kind === 'text') smallest = Math.min(smallest, textFontPx(element.size ?? 'm'))
    if (element.kind === 'geo' && element.text) smallest = Math.min(smallest, labelFontPx(element.size ?? 'm'))
  }
  return smallest
}
