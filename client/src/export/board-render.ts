/**
 * What of the board an export takes and how it is drawn, through tldraw's own export: the shapes
 * of the current page, the selection, the page's frames in frame order; pictures as PNG or SVG
 * (`editor.toImage`, `editor.getSvgString`), and PDF sheets (a PNG of exactly the frame's bounds
 * plus the plain text of every shape in it, placed relative to those bounds).
 */
import { plainTextOf } from '@quartierboard/shared'
import type { Box, Editor, TLShape, TLShapeId } from '@tldraw/tldraw'
import { ExportProblem } from './export-problem'
import { inFrameOrder } from './frame-order'
import { imageMimeType, pdfPixelRatio, tldrawImageOptions, type ImageChoice } from './image-options'
import type { PdfSheet } from './pdf-document'
import type { TextItem } from './pdf-layout'

/** Margin around the whole board on a PDF page without frames (page units), so strokes and arrowheads are not cut. */
const BOARD_MARGIN = 32

export interface FrameEntry {
  id: TLShapeId
  name: string
  x: number
  y: number
  w: number
  h: number
}

/** The frames of the current page that are not inside another frame (nested ones are part of their parent's picture), in frame order. */
export function framesInOrder(editor: Editor): FrameEntry[] {
  const frames: FrameEntry[] = []
  for (const id of editor.getCurrentPageShapeIds()) {
    const shape = editor.getShape(id)
    if (!shape || shape.type !== 'frame') continue
    if (editor.findShapeAncestor(shape, (ancestor) => ancestor.type === 'frame')) continue
    const bounds = editor.getShapePageBounds(shape)
    if (!bounds) continue
    const name = plainTextOf(shape)
    frames.push({ id: shape.id, name, x: bounds.x, y: bounds.y, w: bounds.w, h: bounds.h })
  }
  return inFrameOrder(frames)
}

/** The shapes an image of `scope` shows (not frames: those export one by one). */
export function shapesOf(editor: Editor, scope: 'board' | 'selection'): TLShapeId[] {
  const ids = scope === 'board' ? [...editor.getCurrentPageShapeIds()] : editor.getSelectedShapeIds()
  if (ids.length === 0) throw new ExportProblem(scope === 'board' ? 'exportEmptyBoard' : 'exportNoSelection')
  return ids
}

/** A picture of `ids` in the chosen format, background and scale. */
export async function renderImage(editor: Editor, ids: TLShapeId[], choice: Pick<ImageChoice, 'format' | 'background' | 'scale'>): Promise<Blob> {
  const options = tldrawImageOptions(choice)
  if (choice.format === 'svg') {
    const result = await editor.getSvgString(ids, options)
    if (!result) throw new ExportProblem('exportRenderFailed')
    return new Blob([result.svg], { type: imageMimeType('svg') })
  }
  const { blob } = await editor.toImage(ids, options)
  return blob
}

/** The plain texts of `ids` and their descendants (frames aside), placed relative to `box`. */
export function textItems(editor: Editor, ids: TLShapeId[], box: Box): TextItem[] {
  const items: TextItem[] = []
  for (const id of editor.getShapeAndDescendantIds(ids)) {
    const shape: TLShape | undefined = editor.getShape(id)
    if (!shape || shape.type === 'frame') continue
    const text = plainTextOf(shape)
    if (text.trim() === '') continue
    const bounds = editor.getShapePageBounds(shape)
    if (!bounds) continue
    items.push({ text, x: bounds.x - box.x, y: bounds.y - box.y, w: bounds.w, h: bounds.h })
  }
  return items
}

/**
 * One PDF page's content: a white-background PNG of exactly `box` (no trimming, so the text layer
 * lines up) and the texts in it. `frame` null means the whole current page.
 */
export async function renderSheet(editor: Editor, frame: FrameEntry | null, heading: string | null): Promise<PdfSheet> {
  let ids: TLShapeId[]
  let box: Box | undefined
  if (frame) {
    ids = [frame.id]
    box = editor.getShapePageBounds(frame.id)
  } else {
    ids = shapesOf(editor, 'board')
    box = editor.getCurrentPageBounds()?.clone().expandBy(BOARD_MARGIN)
  }
  if (!box) throw new ExportProblem('exportEmptyBoard')
  const { blob } = await editor.toImage(ids, {
    format: 'png',
    background: true,
    darkMode: false,
    bounds: box,
    padding: 0,
    scale: 1,
    pixelRatio: pdfPixelRatio(box.w, box.h),
  })
  return { png: new Uint8Array(await blob.arrayBuffer()), width: box.w, height: box.h, heading, texts: textItems(editor, ids, box) }
}
