/**
 * Geometry of a PDF page of the export (points, origin bottom left as in PDF): A4 in the
 * orientation that suits the frame, a header (workshop, session and date, frame name), the frame's
 * picture scaled to fit below it, a page number, and where the invisible text layer goes so that
 * selecting or searching text in the PDF finds it over the picture.
 */

export const A4_SHORT = 595.28
export const A4_LONG = 841.89
export const PAGE_MARGIN = 36
export const TITLE_SIZE = 16
export const SUBTITLE_SIZE = 10
export const HEADING_SIZE = 12
export const FOOTER_SIZE = 8
const HEADER_GAP = 12
const LINE_GAP = 5
/** Line height of the text layer as a multiple of the font size. */
export const TEXT_LAYER_LINE_HEIGHT = 1.15
const MAX_TEXT_LAYER_SIZE = 72
const MIN_TEXT_LAYER_SIZE = 1

export interface Rect {
  x: number
  y: number
  w: number
  h: number
}

export interface SheetLayout {
  width: number
  height: number
  /** Baselines of the header lines. */
  titleY: number
  subtitleY: number
  headingY: number | null
  /** The line under the header. */
  ruleY: number
  footerY: number
  /** Where the picture goes. */
  image: Rect
  /** Points per page unit of the board. */
  scale: number
}

/** The page for a picture of `contentW` × `contentH` page units (landscape when it is wider than tall). */
export function sheetLayout(contentW: number, contentH: number, hasHeading: boolean): SheetLayout {
  const landscape = contentW >= contentH
  const width = landscape ? A4_LONG : A4_SHORT
  const height = landscape ? A4_SHORT : A4_LONG
  const titleY = height - PAGE_MARGIN - TITLE_SIZE
  const subtitleY = titleY - LINE_GAP - SUBTITLE_SIZE
  const headingY = hasHeading ? subtitleY - LINE_GAP - HEADING_SIZE - 2 : null
  const ruleY = (headingY ?? subtitleY) - 6
  const footerY = PAGE_MARGIN / 2
  const area: Rect = { x: PAGE_MARGIN, y: PAGE_MARGIN, w: width - 2 * PAGE_MARGIN, h: ruleY - HEADER_GAP - PAGE_MARGIN }
  const scale = Math.min(area.w / Math.max(contentW, 1), area.h / Math.max(contentH, 1))
  const w = Math.max(contentW, 1) * scale
  const h = Math.max(contentH, 1) * scale
  // Centred across, at the top of the area (right under the header).
  const image: Rect = { x: area.x + (area.w - w) / 2, y: area.y + area.h - h, w, h }
  return { width, height, titleY, subtitleY, headingY, ruleY, footerY, image, scale }
}

/** A text on the board, relative to the exported area's top-left corner (page units, y down). */
export interface TextItem {
  text: string
  x: number
  y: number
  w: number
  h: number
}

/** Where and how big one text of the invisible layer is drawn (points; `y` is the first baseline). */
export interface TextPlacement {
  lines: string[]
  x: number
  y: number
  size: number
  lineHeight: number
}

/** Width of `text` at font size 1 (the PDF font's metrics). */
export type MeasureText = (text: string) => number

/**
 * The text layer: each text at its place on the picture, sized so its lines fill the shape's box
 * (as near as a standard font gets to tldraw's rendering). Texts entirely outside the area are left out.
 */
export function textPlacements(items: readonly TextItem[], area: { w: number; h: number }, layout: Pick<SheetLayout, 'image' | 'scale'>, measure: MeasureText): TextPlacement[] {
  const placements: TextPlacement[] = []
  for (const item of items) {
    const lines = item.text.split('\n').map((line) => line.trimEnd())
    if (lines.every((line) => line.trim() === '')) continue
    const left = Math.max(0, item.x)
    const top = Math.max(0, item.y)
    const right = Math.min(area.w, item.x + item.w)
    const bottom = Math.min(area.h, item.y + item.h)
    if (right <= left || bottom <= top) continue
    const boxW = (right - left) * layout.scale
    const boxH = (bottom - top) * layout.scale
    const widest = Math.max(...lines.map(measure), 0.001)
    const size = clamp(Math.min(boxW / widest, boxH / (lines.length * TEXT_LAYER_LINE_HEIGHT)), MIN_TEXT_LAYER_SIZE, MAX_TEXT_LAYER_SIZE)
    placements.push({
      lines,
      x: layout.image.x + left * layout.scale,
      y: layout.image.y + layout.image.h - top * layout.scale - size,
      size,
      lineHeight: size * TEXT_LAYER_LINE_HEIGHT,
    })
  }
  return placements
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value))
}

/** `text` shortened with "…" so that it is at most `maxWidth` wide (`measure` gives the width at the size used). */
export function truncateToWidth(text: string, maxWidth: number, measure: MeasureText): string {
  if (measure(text) <= maxWidth) return text
  const characters = [...text]
  while (characters.length > 0 && measure(`${characters.join('').trimEnd()}…`) > maxWidth) characters.pop()
  return `${characters.join('').trimEnd()}…`
}
