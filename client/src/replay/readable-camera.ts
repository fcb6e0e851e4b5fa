/**
 * Where a read-only canvas (replay, snapshot viewer) opens: on the first top-level frame of the
 * current page in the results' reading order (`framesInReadingOrder`, as the PDF pages it), or,
 * without frames, on the content; never below a zoom people can read. When the target does not fit
 * at that zoom, the view starts at its top left, where reading starts.
 */
import { framesInReadingOrder, type PageBox } from '@quartierboard/shared'
import type { Editor, TLRecord } from '@tldraw/tldraw'

/** The smallest zoom the canvas opens at: sticky-note text is still readable at 50 %. */
export const MIN_READABLE_ZOOM = 0.5
/** Never open magnified beyond 100 %: a lone small note would look like a poster. */
export const MAX_OPENING_ZOOM = 1
/** Screen pixels left around the target. */
export const OPENING_INSET_PX = 48

export interface Camera {
  x: number
  y: number
  z: number
}

/** The first top-level frame of `pageId` in reading order, or null when the page has none. */
export function firstFrameBounds(records: readonly TLRecord[], pageId: string): PageBox | null {
  const frame = framesInReadingOrder(records).find((candidate) => candidate.pageId === pageId && candidate.parentFrameId === null)
  return frame ? frame.bounds : null
}

/**
 * The tldraw camera that shows `target` (page coordinates) in a viewport of `viewport` screen pixels.
 * tldraw maps a page point p to the screen as (p + camera) * z.
 */
export function readableCamera(target: PageBox, viewport: { w: number; h: number }): Camera {
  const room = { w: Math.max(1, viewport.w - 2 * OPENING_INSET_PX), h: Math.max(1, viewport.h - 2 * OPENING_INSET_PX) }
  const fit = Math.min(room.w / Math.max(1, target.w), room.h / Math.max(1, target.h))
  const z = Math.min(MAX_OPENING_ZOOM, Math.max(MIN_READABLE_ZOOM, fit))
  const axis = (start: number, size: number, screen: number) => {
    const visible = screen / z
    const inset = OPENING_INSET_PX / z
    // Centred when it fits, else from its start (top or left).
    const left = size + 2 * inset <= visible ? start - (visible - size) / 2 : start - inset
    return -left
  }
  return { x: axis(target.x, target.w, viewport.w), y: axis(target.y, target.h, viewport.h), z }
}

/** Moves the editor's camera to the readable opening view; false when the page is empty. */
export function openReadable(editor: Editor): boolean {
  const pageId = editor.getCurrentPageId()
  const bounds = editor.getCurrentPageBounds()
  if (!bounds) return false
  const target = firstFrameBounds(editor.store.allRecords(), pageId) ?? { x: bounds.x, y: bounds.y, w: bounds.w, h: bounds.h }
  const screen = editor.getViewportScreenBounds()
  editor.setCamera(readableCamera(target, { w: screen.w, h: screen.h }), { immediate: true })
  return true
}
