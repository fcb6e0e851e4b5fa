/**
 * What of the board an export takes and how it is drawn, through tldraw's own export: the shapes
 * of the current page, the selection, the page's frames in reading order (the results record's
 * order, `framesInReadingOrder` in shared); pictures as PNG or SVG (`editor.toImage`,
 * `editor.getSvgString`), and PDF sheets (a PNG of exactly a frame's bounds, or of the whole page,
 * plus the plain text of every shape on it, placed relative to those bounds).
 */
import { framesInReadingOrder, plainTextOf } from '@quartierboard/shared'
import { Box, type Editor, type TLShape, type TLShapeId } from '@tldraw/tldraw'
import { ExportProblem } from './export-problem'
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

/**
 * The frames of the current page that are not inside another frame (nested ones are part of their
 * parent's picture), in the reading order the results record uses.
 */
export function framesInOrder(editor: Editor): FrameEntry[] {
  const pageId = editor.getCurrentPageId()
  const frames: FrameEntry[] = []
  for (const frame of framesInReadingOrder(editor.store.allRecords())) {
    if (frame.pageId !== pageId || frame.parentFrameId !== null) continue
    const id = frame.id as TLShapeId
    const bounds = editor.getShapePageBounds(id)
    if (bounds) frames.push({ id, name: frame.name, x: bounds.x, y: bounds.y, w: bounds.w, h: bounds.h })
  }
  return frames
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

/** The plain texts of `ids` and their descendants (frames aside) that lie on `box`, placed relative to it. */
export function textItems(editor: Editor, ids: TLShapeId[], box: Box): TextItem[] {
  const items: TextItem[] = []
  for (const id of editor.getShapeAndDescendantIds(ids)) {
    const shape: TLShape | undefined = editor.getShape(id)
    if (!shape || shape.type === 'frame') continue
    const text = plainTextOf(shape)
    if (text.trim() === '') continue
    const bounds = editor.getShapePageBounds(shape)
    if (!bounds || !Box.Collides(bounds, box)) continue
    items.push({ text, x: bounds.x - box.x, y: bounds.y - box.y, w: bounds.w, h: bounds.h })
  }
  return items
}

/** The page's top-level shapes that lie (at least partly) on `box`. */
function shapesOnBox(editor: Editor, box: Box): TLShapeId[] {
  return editor.getSortedChildIdsForParent(editor.getCurrentPageId()).filter((id) => {
    const bounds = editor.getShapePageBounds(id)
    return bounds !== undefined && Box.Collides(bounds, box)
  })
}

/**
 * One PDF page's content: a white-background PNG of exactly `box` (no trimming, so the text layer
 * lines up) and the texts in it. `frame` null means the whole current page. A frame's page shows
 * everything that lies on the frame, its children and shapes merely placed over it alike.
 */
export async function renderSheet(editor: Editor, frame: FrameEntry | null, heading: string | null): Promise<PdfSheet> {
  let ids: TLShapeId[]
  let box: Box | undefined
  if (frame) {
    box = editor.getShapePageBounds(frame.id)
    ids = box ? shapesOnBox(editor, box) : []
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
